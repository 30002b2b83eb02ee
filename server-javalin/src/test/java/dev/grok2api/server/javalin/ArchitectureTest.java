package dev.grok2api.server.javalin;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The module rules of DESIGN.md, checked over every module on this classpath (production classes only): adapters do
 * not depend on each other, only the server references adapter classes, {@code ..internal..} packages stay private
 * to their module, and the testkit never depends on the Grok client.
 */
class ArchitectureTest {
    /** Root package of each module. */
    private static final List<String> MODULES = List.of(
            "dev.grok2api.core",
            "dev.grok2api.token.pool",
            "dev.grok2api.grok.client",
            "dev.grok2api.storage.jdbc",
            "dev.grok2api.storage.redis",
            "dev.grok2api.admin.ui",
            "dev.grok2api.testkit",
            "dev.grok2api.server.javalin");

    private static final List<String> ADAPTERS = List.of(
            "dev.grok2api.token.pool",
            "dev.grok2api.grok.client",
            "dev.grok2api.storage.jdbc",
            "dev.grok2api.storage.redis",
            "dev.grok2api.admin.ui");

    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.grok2api");

    @Test
    void should_keep_adapters_independent_of_each_other() {
        for (String adapter : ADAPTERS) {
            for (String other : ADAPTERS) {
                if (!adapter.equals(other)) {
                    noClasses()
                            .that()
                            .resideInAPackage(adapter + "..")
                            .should()
                            .dependOnClassesThat()
                            .resideInAPackage(other + "..")
                            .because("adapters never depend on each other (DESIGN.md)")
                            .allowEmptyShould(true)
                            .check(ALL);
                }
            }
        }
    }

    @Test
    void should_reference_adapter_classes_only_from_the_server_or_the_adapter_itself() {
        for (String adapter : ADAPTERS) {
            noClasses()
                    .that()
                    .resideOutsideOfPackages(
                            adapter + "..", "dev.grok2api.server.javalin..", "dev.grok2api.benchmarks..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage(adapter + "..")
                    .because("only server-javalin composes adapters (DESIGN.md)")
                    .allowEmptyShould(true)
                    .check(ALL);
        }
    }

    @Test
    void should_keep_internal_packages_private_to_their_module() {
        for (String module : MODULES) {
            ArchRule rule = noClasses()
                    .that(outside(module))
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage(module + "..internal..")
                    .because("..internal.. packages are private to their module (DESIGN.md)")
                    .allowEmptyShould(true);
            rule.check(ALL);
        }
    }

    @Test
    void should_keep_the_testkit_independent_of_the_grok_client() {
        noClasses()
                .that()
                .resideInAPackage("dev.grok2api.testkit..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.grok2api.grok.client..")
                .because("the mock Grok speaks literal wire text so it cannot share the client's bugs")
                .check(ALL);
    }

    @Test
    void should_import_the_modules_it_guards() {
        // A module without classes cannot break a rule; this guards against an importer that sees nothing.
        for (String module : List.of("dev.grok2api.core", "dev.grok2api.grok.client", "dev.grok2api.server.javalin")) {
            assertThat(ALL.stream().anyMatch(c -> c.getPackageName().startsWith(module)))
                    .as("classes of " + module + " were imported")
                    .isTrue();
        }
    }

    private static DescribedPredicate<JavaClass> outside(String module) {
        return DescribedPredicate.describe(
                "outside " + module,
                c -> !c.getPackageName().equals(module) && !c.getPackageName().startsWith(module + "."));
    }
}
