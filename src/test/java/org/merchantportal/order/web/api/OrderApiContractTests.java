package org.merchantportal.order.web.api;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.merchantportal.security.AttackTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The OpenAPI document against the API itself: every endpoint is in it, and real answers,
 * successes and errors, validate against the schemas it gives for them (JSON Schema
 * 2020-12, as OpenAPI 3.1 uses).
 */
@AttackTest
class OrderApiContractTests {

	private static final String V1 = "/ordermanagement/v1";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	MockMvc mvc;

	JsonNode document;

	@BeforeEach
	void readTheDocument() throws Exception {
		MvcResult result = this.mvc.perform(get(V1 + "/openapi.json")).andReturn();
		assertThat(result.getResponse().getStatus()).as("the document needs no credentials").isEqualTo(200);
		this.document = JSON.readTree(result.getResponse().getContentAsString());
	}

	@Test
	void theDocumentIsOpenApi31AndHasEveryEndpoint() {
		assertThat(this.document.get("openapi").asString()).startsWith("3.1");
		List<String> expected = List.of("get /orders", "post /orders", "get /orders/{orderId}",
				"post /orders/{orderId}/captures", "get /orders/{orderId}/captures",
				"get /orders/{orderId}/captures/{captureId}", "post /orders/{orderId}/refunds",
				"get /orders/{orderId}/refunds/{refundId}", "post /orders/{orderId}/cancel",
				"post /orders/{orderId}/release-remaining-authorization",
				"post /orders/{orderId}/extend-authorization-time", "patch /orders/{orderId}/merchant-references");
		List<String> documented = new ArrayList<>();
		this.document.get("paths").properties().forEach((path) -> path.getValue().propertyNames().forEach((method) -> {
			documented.add(method + " " + path.getKey().substring(V1.length()));
		}));
		assertThat(documented).containsAll(expected);
		assertThat(documented).as("nothing but the merchant API")
			.allMatch((operation) -> !operation.contains("/users"));
		// Only what a client sends: not the authenticated principal or the servlet
		// request.
		List<String> parameters = new ArrayList<>();
		this.document.get("paths")
			.forEach((path) -> path.forEach((operation) -> operation.path("parameters")
				.forEach((parameter) -> parameters.add(parameter.get("name").asString()))));
		assertThat(parameters).isNotEmpty()
			.isSubsetOf("orderId", "captureId", "refundId", "status", "merchant_reference", "after", "size",
					"Klarna-Idempotency-Key");
		assertThat(this.document.at("/components/securitySchemes/apiCredential/scheme").asString()).isEqualTo("basic");
	}

	@Test
	void realAnswersValidateAgainstTheDocumentsSchemas() throws Exception {
		String reference = "NS-CON-" + UUID.randomUUID().toString().substring(0, 8);
		MvcResult placed = check("post", "/orders", "201",
				json(post(V1 + "/orders"), OrderApiCreateTests.order(reference, 129_900, "SEK", 120_000)));
		String orderId = JsonPath.read(placed.getResponse().getContentAsString(), "$.order_id");
		String order = "/orders/" + orderId;
		check("post", "/orders/{orderId}/captures", "201",
				json(post(V1 + order + "/captures"), "{\"captured_amount\": 100000, \"description\": \"Shipped\"}"));
		MvcResult refund = check("post", "/orders/{orderId}/refunds", "201",
				json(post(V1 + order + "/refunds"), "{\"refunded_amount\": 100, \"reason\": \"RETURNED\"}"));
		check("get", "/orders/{orderId}", "200", get(V1 + order));
		MvcResult captures = check("get", "/orders/{orderId}/captures", "200", get(V1 + order + "/captures"));
		String captureId = JsonPath.read(captures.getResponse().getContentAsString(), "$[0].capture_id");
		check("get", "/orders/{orderId}/captures/{captureId}", "200", get(V1 + order + "/captures/" + captureId));
		check("get", "/orders/{orderId}/refunds/{refundId}", "200",
				get(V1 + order + "/refunds/" + refund.getResponse().getHeader("Refund-Id")));
		check("get", "/orders", "200", get(V1 + "/orders?size=5"));
		check("patch", "/orders/{orderId}/merchant-references", "204",
				json(patch(V1 + order + "/merchant-references"), "{\"merchant_reference1\": \"" + reference + "-B\"}"));
		// Errors, each in the document's error shape.
		check("get", "/orders/{orderId}", "404", get(V1 + "/orders/" + UUID.randomUUID()));
		check("post", "/orders/{orderId}/cancel", "403", post(V1 + order + "/cancel"));
		check("post", "/orders/{orderId}/captures", "400",
				json(post(V1 + order + "/captures"), "{\"captured_amount\": -1}"));
		check("post", "/orders/{orderId}/captures", "403",
				json(post(V1 + order + "/captures"), "{\"captured_amount\": 99999999}"));
		check("get", "/orders/{orderId}/captures/{captureId}", "404",
				get(V1 + order + "/captures/" + UUID.randomUUID()));
	}

	private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
		return request.contentType(MediaType.APPLICATION_JSON).content(body);
	}

	/**
	 * Calls the API and checks that the answer has the status and, where the document
	 * gives one, a body valid against the schema it gives for that status.
	 */
	private MvcResult check(String method, String path, String status, MockHttpServletRequestBuilder request)
			throws Exception {
		MvcResult result = this.mvc
			.perform(request
				.with(httpBasic(OrderApiAuthenticationTests.NORDIC_API, OrderApiAuthenticationTests.API_PASSWORD)))
			.andReturn();
		String what = method + " " + path + " " + status;
		assertThat(result.getResponse().getStatus()).as(what + ": " + result.getResponse().getContentAsString())
			.isEqualTo(Integer.parseInt(status));
		JsonNode response = this.document.path("paths").path(V1 + path).path(method).path("responses").path(status);
		assertThat(response.isMissingNode()).as("%s is documented", what).isFalse();
		JsonNode schema = response.path("content").path("application/json").path("schema");
		String body = result.getResponse().getContentAsString();
		if (schema.isMissingNode()) {
			assertThat(body).as("%s documents no body", what).isEmpty();
			return result;
		}
		ObjectNode root = ((ObjectNode) schema.deepCopy()).set("components", this.document.get("components"));
		Schema validator = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
			.getSchema(JSON.writeValueAsString(root));
		List<Error> errors = validator.validate(JSON.readTree(body));
		assertThat(errors).as("%s: %s against %s", what, body, schema).isEmpty();
		return result;
	}

}
