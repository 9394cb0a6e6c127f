package org.merchantportal.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The whole portal on a random port with its demo data, for the attack tests: MockMvc
 * where it suffices, a real HTTP client where cookies and the servlet container matter.
 * Every attack test class uses this one configuration, so that they share one application
 * context (and one in-memory database); each test makes its own orders and users, and
 * leaves the demo ones as they were.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
public @interface AttackTest {

}
