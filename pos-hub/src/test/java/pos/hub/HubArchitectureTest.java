package pos.hub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The hub is a server of its own (DESIGN §2): pos-hub → pos-gateway, pos-contract → pos-core; it
 * knows nothing of the till (screens, devices, the till's journal) and verifies signatures itself,
 * never through the sandbox gateway's server code.
 */
@AnalyzeClasses(packages = "pos", importOptions = ImportOption.DoNotIncludeTests.class)
class HubArchitectureTest {

    @ArchTest
    static final ArchRule hubKnowsNothingOfTheTill = noClasses().that().resideInAPackage("pos.hub..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "pos.app..", "pos.device..", "pos.sync..",
                    "com.sun.jna..", "com.github.sarxos..", "org.sqlite..");

    @ArchTest
    static final ArchRule productionCodeDoesNotUseTheSandboxServer = noClasses()
            .that().resideInAnyPackage("pos.hub..", "pos.contract..", "pos.gateway.sandboxapi..")
            .should().dependOnClassesThat().resideInAPackage("pos.gateway.sandbox..");

    @ArchTest
    static final ArchRule contractKnowsNeitherSide = noClasses().that().resideInAPackage("pos.contract..")
            .should().dependOnClassesThat().resideInAnyPackage("pos.hub..", "pos.sync..", "pos.gateway..", "pos.app..",
                    "io.javalin..", "io.micrometer..", "org.mariadb..", "javafx..");

    @ArchTest
    static final ArchRule gatewayAdaptersKnowNoServerAndNoStore = noClasses().that().resideInAPackage("pos.gateway.sandboxapi..")
            .should().dependOnClassesThat().resideInAnyPackage("pos.hub..", "pos.sync..", "io.lettuce..", "io.javalin..",
                    "org.mariadb..");
}
