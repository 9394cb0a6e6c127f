package org.merchantportal.web;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The embedded database closing under the running portal takes the node out of service
 * loudly: readiness and liveness go DOWN and the cause is logged once.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class ClosedDatabaseWatchTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private ClosedDatabaseWatch watch;

	@Test
	@DirtiesContext(methodMode = DirtiesContext.MethodMode.AFTER_METHOD)
	void whenTheEmbeddedDatabaseClosesReadinessAndLivenessGoDownAndTheCauseIsLoggedOnce(CapturedOutput output)
			throws Exception {
		this.mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());

		Connection closer = this.dataSource.getConnection();
		Connection other = this.dataSource.getConnection();
		try (Statement shutdown = closer.createStatement()) {
			shutdown.execute("SHUTDOWN IMMEDIATELY");
		}
		for (int attempt = 0; attempt < 2; attempt++) {
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> other.createStatement().executeQuery("select count(*) from merchant"));
		}
		closeQuietly(closer);
		closeQuietly(other);

		assertThat(this.watch.isClosed()).isTrue();
		this.mvc.perform(get("/actuator/health/readiness"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("DOWN")));
		this.mvc.perform(get("/actuator/health/liveness")).andExpect(status().isServiceUnavailable());
		assertThat(output.getOut().split("The embedded database has closed", -1)).as("logged once").hasSize(2);
	}

	@Test
	void otherDatabaseErrorsLeaveTheNodeInService() throws Exception {
		try (Connection connection = this.dataSource.getConnection()) {
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> connection.createStatement().executeQuery("select * from no_such_table"));
		}

		assertThat(this.watch.isClosed()).isFalse();
		this.mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
	}

	private static void closeQuietly(Connection connection) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			// its database is gone: nothing to give back
		}
	}

}
