package org.merchantportal.order.web;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * The first Orders page, on the demo data: the logged-in user's merchant's newest orders,
 * never another merchant's.
 */
@SpringBootTest
@AutoConfigureMockMvc
class OrderControllerTests {

	@Autowired
	MockMvc mvc;

	@Test
	@WithUserDetails("orders@nordic-shoes.example")
	void showsNordicShoesTheirOwnOrdersOnly() throws Exception {
		String page = this.mvc.perform(get("/orders"))
			.andExpect(status().isOk())
			.andExpect(view().name("orders/list"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("<h1>Orders</h1>").contains("NS-1").doesNotContain("FO-");
		assertThat(rows(page)).isEqualTo(OrderController.PAGE_SIZE);
		assertThat(page).contains("SEK").doesNotContain("€");
	}

	@Test
	@WithUserDetails("admin@fjord-outdoor.example")
	void showsFjordOutdoorTheirOwnOrdersOnly() throws Exception {
		String page = this.mvc.perform(get("/orders")).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("FO-1").doesNotContain("NS-");
	}

	@Test
	@WithUserDetails("viewer@nordic-shoes.example")
	void showsStatusesInWords() throws Exception {
		String page = this.mvc.perform(get("/orders")).andReturn().getResponse().getContentAsString();
		assertThat(page).containsAnyOf(">Authorized<", ">Captured<", ">Part captured<", ">Cancelled<")
			.doesNotContain(">AUTHORIZED<")
			.doesNotContain(">PART_CAPTURED<");
	}

	@Test
	@WithUserDetails("orders@nordic-shoes.example")
	void redirectsTheRootToOrders() throws Exception {
		this.mvc.perform(get("/")).andExpect(redirectedUrl("/orders"));
	}

	private static int rows(String page) {
		return page.split("class=\"order-row\"", -1).length - 1;
	}

}
