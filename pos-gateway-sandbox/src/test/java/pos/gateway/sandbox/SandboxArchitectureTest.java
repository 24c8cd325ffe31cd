package pos.gateway.sandbox;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "pos.gateway.sandbox", importOptions = ImportOption.DoNotIncludeTests.class)
class SandboxArchitectureTest {

    @ArchTest
    static final ArchRule sandboxKnowsNothingOfTheTill = noClasses()
            .that().resideInAPackage("pos.gateway.sandbox..")
            .should().dependOnClassesThat().resideInAnyPackage("pos.app..", "pos.device..", "pos.sync..", "javafx..");

    /** The store hub reuses the wire records and NotificationSignature: they must not drag a server along. */
    @ArchTest
    static final ArchRule wireApiHasNoServerDependencies = noClasses()
            .that().resideInAPackage("pos.gateway.sandbox.api..")
            .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..", "java.sql..",
                    "org.sqlite..", "picocli..", "org.slf4j..", "java.net.http..", "com.sun.net.httpserver..")
            .orShould().dependOnClassesThat().resideInAnyPackage("pos.gateway.sandbox", "pos.gateway.sandbox.ledger..",
                    "pos.gateway.sandbox.notify..", "pos.gateway.sandbox.trade..", "pos.gateway.sandbox.server..",
                    "pos.gateway.sandbox.chaos..");

    @ArchTest
    static final ArchRule onlyTheServerKnowsJavalin = noClasses()
            .that().resideOutsideOfPackage("pos.gateway.sandbox.server..")
            .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..");

    @ArchTest
    static final ArchRule onlyTheLedgerKnowsSql = noClasses()
            .that().resideOutsideOfPackage("pos.gateway.sandbox.ledger..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.sqlite..");

    @ArchTest
    static final ArchRule tradeRulesKnowNoHttp = noClasses()
            .that().resideInAnyPackage("pos.gateway.sandbox.trade..", "pos.gateway.sandbox.ledger..")
            .should().dependOnClassesThat().resideInAnyPackage("pos.gateway.sandbox.server..", "java.net.http..");
}
