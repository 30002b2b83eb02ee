package dev.grok2api.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The core depends on the JDK and itself only, and ports never depend on the services that use them. */
class CoreArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.grok2api.core");

    @Test
    void should_depend_only_on_the_jdk_and_itself() {
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "dev.grok2api.core..")
                .because("grok2api-core is JDK-only (DESIGN.md, Modules); wire formats and libraries live in adapters")
                .check(CORE);
    }

    @Test
    void should_keep_ports_independent_of_services() {
        noClasses()
                .that()
                .resideInAPackage("dev.grok2api.core.port..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.grok2api.core.service..")
                .check(CORE);
    }
}
