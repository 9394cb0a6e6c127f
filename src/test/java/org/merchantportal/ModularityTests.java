package org.merchantportal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal's feature packages as Spring Modulith sees them: each top-level package
 * under {@code org.merchantportal} is a module, its own sub-packages ({@code order.web},
 * {@code merchant.web}) are internal to it, and no module reaches into another's
 * internals or depends on it in a cycle (beside the finer rules of
 * {@link ArchitectureTests}). The module diagrams in {@code docs/modules/} are written
 * from the code on every build.
 */
class ModularityTests {

	private static final ApplicationModules MODULES = ApplicationModules.of(MerchantPortalApplication.class);

	@Test
	void modulesReachOnlyEachOthersApisWithoutCycles() {
		MODULES.verify();
	}

	@Test
	void theModulesAreTheFeaturePackages() {
		assertThat(MODULES.stream().map((module) -> module.getIdentifier().toString()))
			.containsExactlyInAnyOrder("audit", "demo", "i18n", "merchant", "order", "security", "web");
	}

	@Test
	void writesTheModuleDiagramsIntoDocs() throws IOException {
		Path docs = Path.of("docs", "modules");
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(docs.toString()))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml()
			.writeModuleCanvases();
		try (Stream<Path> written = Files.list(docs)) {
			List<Path> files = written.toList();
			assertThat(files).extracting((file) -> file.getFileName().toString())
				.contains("components.puml", "module-order.puml", "module-order.adoc");
			for (Path diagram : files) {
				if (diagram.toString().endsWith(".puml")) {
					inStableOrder(diagram);
				}
			}
		}
		assertThat(Files.readString(docs.resolve("components.puml")))
			.contains("Rel(MerchantPortalApplication.MerchantPortalApplication.Order, "
					+ "MerchantPortalApplication.MerchantPortalApplication.Merchant, \"uses\"");
	}

	/**
	 * Sorts each run of a diagram's components and relations, which the Documenter writes
	 * in the order of a hash set, so that the diagrams in git change only when the
	 * modules do.
	 */
	private static void inStableOrder(Path diagram) throws IOException {
		List<String> lines = new ArrayList<>(Files.readAllLines(diagram));
		for (int start = 0; start < lines.size(); start++) {
			String kind = kind(lines.get(start));
			if (kind == null) {
				continue;
			}
			int end = start;
			while (end < lines.size() && kind.equals(kind(lines.get(end)))) {
				end++;
			}
			Collections.sort(lines.subList(start, end));
			start = end;
		}
		Files.write(diagram, lines);
	}

	private static String kind(String line) {
		String trimmed = line.strip();
		return trimmed.startsWith("Rel(") ? "Rel" : trimmed.startsWith("Component(") ? "Component" : null;
	}

}
