package dev.aauth.arch;

import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The layering of the project as rules over its compiled classes (ArchUnit), so a dependency that
 * breaks it fails the build with the class and line that made it.
 *
 * <p>The core ({@code dev.aauth.*} outside {@code dev.aauth.jakarta}) is plain Java and free of
 * cycles. On the Jakarta side the roles depend inward only: on {@code config}, {@code boundary},
 * {@code keys} and {@code store}, never on one another, except where a page or the demo sits on top
 * of a role. Dependencies that break these rules today are listed one by one in {@link
 * #KNOWN_VIOLATIONS} (issue 16 removes them); the list is a ratchet: a new one fails, and {@link
 * #everyKnownViolationStillExists} fails when one is gone so that the list only shrinks.
 */
class ArchitectureTest {

    private static final String J = "dev.aauth.jakarta.";

    /**
     * Dependencies across roles or into {@code config} from a role that exist today, as origin and
     * target classes (nested classes included). Each is to be moved into the core or into the role
     * that owns it.
     */
    static final String[][] KNOWN_VIOLATIONS = {
        // the agent runtime reuses the Agent Provider's token minting for self-issued agent tokens
        {J + "agent.AgentIdentity", J + "agentprovider.AgentTokens"},
        // the health check of the agent role asks the agent runtime for its credentials
        {J + "health.RoleHealth", J + "agent.AgentIdentity"},
    };

    /** The layers above config, boundary, keys and store: the roles, their pages and the demo. */
    private static final String[] ROLES = {
        "resource",
        "agentprovider",
        "personserver",
        "person pages",
        "agent",
        "health",
        "demo",
        "gateway"
    };

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.aauth");
    }

    @Test
    @DisplayName(
            "the core (dev.aauth.* except dev.aauth.jakarta) imports no Jakarta, MicroProfile or JPA API and nothing of dev.aauth.jakarta")
    void coreImportsNoJakartaMicroProfileJpaOrJakartaSide() {
        noClasses()
                .that()
                .resideInAPackage("dev.aauth..")
                .and()
                .resideOutsideOfPackage("dev.aauth.jakarta..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "jakarta..",
                        "javax.persistence..",
                        "org.eclipse.microprofile..",
                        "org.eclipse.persistence..",
                        "dev.aauth.jakarta..")
                .check(classes);
    }

    @Test
    @DisplayName(
            "the Person Server core (dev.aauth.personserver) imports no Jakarta or JPA API and nothing of dev.aauth.jakarta")
    void personServerCoreImportsNoJakartaJpaOrJakartaSide() {
        noClasses()
                .that()
                .resideInAPackage("dev.aauth.personserver..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "jakarta..",
                        "javax.persistence..",
                        "org.eclipse.microprofile..",
                        "dev.aauth.jakarta..")
                .check(classes);
    }

    @Test
    @DisplayName("the core's packages are free of cycles")
    void corePackagesAreFreeOfCycles() {
        slices().matching("dev.aauth.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    @DisplayName("the Jakarta side's packages are free of cycles (but for the known violations)")
    void jakartaPackagesAreFreeOfCycles() {
        var rule = slices().matching("dev.aauth.jakarta.(*)..").should().beFreeOfCycles();
        for (String[] known : KNOWN_VIOLATIONS) {
            rule = rule.ignoreDependency(classNamed(known[0]), classNamed(known[1]));
        }
        rule.check(classes);
    }

    @Test
    @DisplayName(
            "roles depend only inward: on config, boundary, keys and store; pages on their role; the demo on top")
    void rolesDependOnlyInward() {
        LayeredArchitecture layers =
                layeredArchitecture()
                        .consideringOnlyDependenciesInLayers()
                        .layer("config")
                        .definedBy(J + "config..")
                        .layer("store")
                        .definedBy(J + "store..")
                        .layer("keys")
                        .definedBy(J + "keys..")
                        .layer("boundary")
                        .definedBy(J + "boundary..")
                        .layer("resource")
                        .definedBy(J + "resource..")
                        .layer("agentprovider")
                        .definedBy(J + "agentprovider..")
                        .layer("personserver")
                        .definedBy(J + "personserver..")
                        .layer("person pages")
                        .definedBy(J + "consent..", J + "login..")
                        .layer("agent")
                        .definedBy(J + "agent..")
                        .layer("health")
                        .definedBy(J + "health..")
                        .layer("demo")
                        .definedBy(J + "demo..")
                        .layer("gateway")
                        .definedBy(J + "gateway..")
                        .whereLayer("gateway")
                        .mayNotBeAccessedByAnyLayer()
                        .whereLayer("demo")
                        .mayNotBeAccessedByAnyLayer()
                        .whereLayer("health")
                        .mayNotBeAccessedByAnyLayer()
                        .whereLayer("person pages")
                        .mayNotBeAccessedByAnyLayer()
                        .whereLayer("agentprovider")
                        .mayNotBeAccessedByAnyLayer()
                        .whereLayer("personserver")
                        .mayOnlyBeAccessedByLayers("person pages")
                        .whereLayer("agent")
                        .mayOnlyBeAccessedByLayers("demo")
                        .whereLayer("resource")
                        .mayOnlyBeAccessedByLayers("demo", "gateway")
                        .whereLayer("boundary")
                        .mayOnlyBeAccessedByLayers(ROLES)
                        .whereLayer("store")
                        .mayOnlyBeAccessedByLayers(with("keys", ROLES))
                        .whereLayer("keys")
                        .mayOnlyBeAccessedByLayers(with("boundary", ROLES));
        for (String[] known : KNOWN_VIOLATIONS) {
            layers = layers.ignoreDependency(classNamed(known[0]), classNamed(known[1]));
        }
        layers.check(classes);
    }

    @Test
    @DisplayName(
            "config imports no role, nor boundary, keys or store (but for the known violations)")
    void configImportsNoRole() {
        DescribedPredicate<JavaClass> outward =
                JavaClass.Predicates.resideInAnyPackage(
                        J + "resource..",
                        J + "agentprovider..",
                        J + "personserver..",
                        J + "consent..",
                        J + "login..",
                        J + "agent..",
                        J + "health..",
                        J + "demo..",
                        J + "gateway..",
                        J + "boundary..",
                        J + "keys..",
                        J + "store..");
        List<String> offences =
                classes.stream()
                        .filter(c -> c.getPackageName().equals(J + "config"))
                        .flatMap(c -> c.getDirectDependenciesFromSelf().stream())
                        .filter(d -> outward.test(d.getTargetClass()))
                        .filter(d -> !known(d.getOriginClass(), d.getTargetClass()))
                        .map(Dependency::getDescription)
                        .toList();
        assertEquals(List.of(), offences);
    }

    @Test
    @DisplayName(
            "the person pages' beans see no entity: only PersonPagesFacade and its adapter ConsentService use the store or the Person Server's Jakarta side")
    void personPagesSeeTheStoreOnlyThroughTheFacade() {
        noClasses()
                .that()
                .resideInAPackage(J + "consent")
                .and()
                .haveNameNotMatching(
                        Pattern.quote(J + "consent.")
                                + "(PersonPagesFacade|ConsentService)(\\$.*)?")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(J + "store..", J + "personserver..")
                .because(
                        "the Faces beans get view records from PersonPagesFacade, never entities (issue 16)")
                .check(classes);
    }

    @Test
    @DisplayName("every known violation still exists (the list only shrinks)")
    void everyKnownViolationStillExists() {
        for (String[] known : KNOWN_VIOLATIONS) {
            JavaClass origin = classes.get(known[0]);
            boolean found =
                    origin.getDirectDependenciesFromSelf().stream()
                            .anyMatch(d -> classNamed(known[1]).test(d.getTargetClass()));
            if (!found) {
                throw new AssertionError(
                        known[0]
                                + " no longer depends on "
                                + known[1]
                                + ": remove the pair from ArchitectureTest.KNOWN_VIOLATIONS");
            }
        }
    }

    private static DescribedPredicate<JavaClass> classNamed(String name) {
        return nameMatching(Pattern.quote(name) + "(\\$.*)?").forSubtype();
    }

    private static String[] with(String layer, String[] layers) {
        String[] all = new String[layers.length + 1];
        all[0] = layer;
        System.arraycopy(layers, 0, all, 1, layers.length);
        return all;
    }

    private static boolean known(JavaClass origin, JavaClass target) {
        for (String[] known : KNOWN_VIOLATIONS) {
            if (classNamed(known[0]).test(origin) && classNamed(known[1]).test(target)) {
                return true;
            }
        }
        return false;
    }
}
