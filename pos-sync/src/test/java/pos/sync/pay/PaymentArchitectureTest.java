package pos.sync.pay;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The till's payment component stays a component (R20): production code knows neither the sandbox nor the hub. */
@AnalyzeClasses(packages = "pos", importOptions = ImportOption.DoNotIncludeTests.class)
class PaymentArchitectureTest {

    @ArchTest
    static final ArchRule productionCodeDoesNotDependOnTheSandbox = noClasses().that().resideInAPackage("pos.sync..")
            .should().dependOnClassesThat().resideInAPackage("pos.gateway.sandbox..");

    @ArchTest
    static final ArchRule tillPaymentsDoNotDependOnTheHub = noClasses()
            .that().resideInAnyPackage("pos.sync.pay", "pos.gateway..", "pos.sync.journal")
            .should().dependOnClassesThat().resideInAPackage("pos.hub..");

    @ArchTest
    static final ArchRule gatewayAdapterKnowsOnlyItsPort = noClasses().that().resideInAPackage("pos.gateway.sandboxapi..")
            .should().dependOnClassesThat().resideInAnyPackage("pos.sync.pay..", "pos.sync.journal..", "pos.contract.redis..",
                    "io.lettuce..");
}
