package org.merchantportal.order.web.api;

import java.util.Map;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.merchantportal.web.ApiError;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The merchant API's OpenAPI document (springdoc, from the controllers): HTTP Basic with
 * an API credential, and every operation's error answers in the one error shape.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

	private static final String BASIC = "apiCredential";

	/** The errors any operation may answer, besides its own success. */
	private static final Map<String, String> ERRORS = Map.of("400",
			"BAD_VALUE: bad JSON, or a value the API cannot take (an amount that is not a positive integer)", "401",
			"UNAUTHORIZED: no valid API credential", "403",
			"CAPTURE_NOT_ALLOWED, REFUND_NOT_ALLOWED, CANCEL_NOT_ALLOWED or NOT_ALLOWED: the order refuses", "404",
			"NO_SUCH_ORDER, NO_SUCH_CAPTURE or NO_SUCH_REFUND", "409",
			"CONFLICT: the idempotency key was used for another request, or the first is still in flight", "413",
			"REQUEST_TOO_LARGE: a body over 1 MB", "429", "TOO_MANY_REQUESTS: see Retry-After");

	@Bean
	OpenAPI merchantApiDocument() {
		return new OpenAPI()
			.info(new Info().title("Merchant Portal API")
				.version("v1")
				.description("Klarna Order Management API v1 compatible: an integration written for Klarna's API "
						+ "works with this base URL and an API credential of the merchant. POST /orders and "
						+ "GET /orders are this portal's own extensions. Amounts are in minor units. Every POST and "
						+ "PATCH takes a Klarna-Idempotency-Key header: the same key with the same body replays "
						+ "the first answer; with another body it is refused with 409."))
			.addServersItem(new Server().url("/"))
			.components(new Components().addSecuritySchemes(BASIC,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("basic")
						.description("The username and password of an API credential (API credentials page)")))
			.addSecurityItem(new SecurityRequirement().addList(BASIC));
	}

	/** Every operation documents the errors it may answer, as ApiError. */
	@Bean
	OpenApiCustomizer errorResponses() {
		return (openApi) -> {
			var resolved = ModelConverters.getInstance(true).readAllAsResolvedSchema(ApiError.class);
			openApi.getComponents().addSchemas("ApiError", resolved.schema);
			Schema<?> reference = new Schema<>().$ref("#/components/schemas/ApiError");
			openApi.getPaths()
				.values()
				.forEach(
						(path) -> path.readOperations().forEach((operation) -> ERRORS.forEach((status, description) -> {
							if (!operation.getResponses().containsKey(status)) {
								operation.getResponses()
									.addApiResponse(status,
											new ApiResponse().description(description)
												.content(new Content().addMediaType("application/json",
														new MediaType().schema(reference))));
							}
						})));
		};
	}

}
