package org.merchantportal;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
public class MerchantPortalApplication {

	public static void main(String[] args) {
		SpringApplication.run(MerchantPortalApplication.class, args);
	}

	/** The portal's time; tests replace it to move through an authorization's life. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
