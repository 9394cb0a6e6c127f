package org.merchantportal.order.web;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.merchantportal.merchant.PortalUserRepository;
import org.merchantportal.security.TestUsers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The CSV export of the Orders page's current filter, on the demo data: the merchant's
 * own orders only, every page of them, filters applied, bad filters refused, and cells
 * that would run as spreadsheet formulas made inert.
 */
@SpringBootTest
@AutoConfigureMockMvc
class OrderExportControllerTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	PortalUserRepository users;

	@Test
	void exportsEveryOrderOfTheMerchantAcrossBatchesAndNoneOfAnother() throws Exception {
		List<String[]> rows = export(as("viewer@nordic-shoes.example"), "");
		assertThat(rows.get(0)).startsWith("created_at_utc", "merchant_reference", "order_id");
		List<String[]> orders = rows.subList(1, rows.size());
		assertThat(orders).as("more than one batch")
			.hasSizeGreaterThan(OrderExportController.BATCH)
			.allSatisfy((row) -> assertThat(row[1]).startsWith("NS-"))
			.allSatisfy((row) -> assertThat(row[5]).isEqualTo("SEK"));
		assertThat(orders.stream().map((row) -> row[2]).distinct().count()).as("no order twice")
			.isEqualTo(orders.size());

		assertThat(export(as("admin@fjord-outdoor.example"), "").subList(1, 2))
			.allSatisfy((row) -> assertThat(row[1]).startsWith("FO-"));
	}

	@Test
	void exportsWhatTheFilterShows() throws Exception {
		List<String[]> rows = export(as("orders@nordic-shoes.example"), "?q=ns-1000&status=&from=&to=");
		assertThat(rows.subList(1, rows.size())).extracting((row) -> row[1])
			.containsExactlyInAnyOrder("NS-10001", "NS-10002", "NS-10003", "NS-10004", "NS-10005", "NS-10006",
					"NS-10007", "NS-10008", "NS-10009");
		assertThat(export(as("orders@nordic-shoes.example"), "?status=EXPIRED").subList(1, 2))
			.allSatisfy((row) -> assertThat(row[11]).isEqualTo("EXPIRED"));
	}

	@Test
	void refusesABadFilterBeforeStreaming() throws Exception {
		this.mvc.perform(get("/orders/export.csv?status=BOGUS").with(as("orders@nordic-shoes.example")))
			.andExpect(status().isBadRequest())
			.andExpect(request().asyncNotStarted());
	}

	@Test
	void makesCellsThatLookLikeFormulasInert() {
		assertThat(OrderExportController.text("=HYPERLINK(\"http://x\")")).isEqualTo("'=HYPERLINK(\"http://x\")");
		assertThat(OrderExportController.text("+46 70")).isEqualTo("'+46 70");
		assertThat(OrderExportController.text("@SUM(A1)")).isEqualTo("'@SUM(A1)");
		assertThat(OrderExportController.text("Anna Svensson")).isEqualTo("Anna Svensson");
	}

	private List<String[]> export(RequestPostProcessor user, String query) throws Exception {
		MvcResult started = this.mvc.perform(get("/orders/export.csv" + query).with(user))
			.andExpect(request().asyncStarted())
			.andReturn();
		String csv = this.mvc.perform(asyncDispatch(started))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
			.andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment;")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		// The demo data has no commas, quotes or line breaks in these columns.
		return Arrays.stream(csv.split("\r\n")).map((line) -> line.split(",", -1)).toList();
	}

	private RequestPostProcessor as(String username) {
		return user(TestUsers.loggedIn(this.users.findByUsername(username).orElseThrow()));
	}

}
