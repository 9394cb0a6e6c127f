package org.merchantportal;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Controller;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layout DESIGN.md and STYLE.md describe, checked so that it stays true as the code
 * grows.
 */
class ArchitectureTests {

	private static final JavaClasses PORTAL = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.merchantportal");

	@Test
	void featurePackagesHaveNoCycles() {
		slices().matching("org.merchantportal.(*)..").should().beFreeOfCycles().check(PORTAL);
	}

	@Test
	void theOrderDomainKnowsNothingOfTheWeb() {
		noClasses().that()
			.resideInAPackage("org.merchantportal.order")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..web..", "org.springframework.web..", "jakarta.servlet..",
					"org.merchantportal.security..")
			.check(PORTAL);
	}

	@Test
	void merchantsDoNotDependOnOrders() {
		noClasses().that()
			.resideInAPackage("org.merchantportal.merchant..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.merchantportal.order..")
			.check(PORTAL);
	}

	@Test
	void controllersArePackagePrivateAndLiveInWebPackages() {
		classes().that()
			.areAnnotatedWith(Controller.class)
			.should()
			.notBePublic()
			.andShould()
			.resideInAPackage("..web..")
			.check(PORTAL);
	}

	@Test
	void noFieldInjection() {
		fields().should().notBeAnnotatedWith(Autowired.class).check(PORTAL);
	}

}
