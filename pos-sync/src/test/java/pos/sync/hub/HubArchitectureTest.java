package pos.sync.hub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The hub verifies signatures itself; production code never depends on the sandbox gateway module. */
@AnalyzeClasses(packages = "pos", importOptions = ImportOption.DoNotIncludeTests.class)
class HubArchitectureTest {

    @ArchTest
    static final ArchRule productionCodeDoesNotUseTheSandboxServer = noClasses().that().resideInAPackage("pos.sync..")
            .should().dependOnClassesThat().resideInAPackage("pos.gateway.sandbox..");

    @ArchTest
    static final ArchRule paymentKeysKnowNothingOfTheHub = noClasses().that().resideInAPackage("pos.sync.pay.redis..")
            .should().dependOnClassesThat().resideInAnyPackage("pos.sync.hub..", "io.javalin..", "io.micrometer..");
}
