package pos.sync;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Dependencies point one way (STYLE 1, DESIGN §2): pos-sync → pos-gateway, pos-contract → pos-core;
 * the till side never reaches into the store hub or its server and database libraries.
 */
@AnalyzeClasses(packages = "pos", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule syncDependsOnNoUiAndNoDevices = noClasses().that().resideInAPackage("pos.sync..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "pos.app..", "pos.device..");

    @ArchTest
    static final ArchRule tillSideKnowsNothingOfTheHub = noClasses().that().resideInAPackage("pos.sync..")
            .should().dependOnClassesThat().resideInAnyPackage("pos.hub..", "io.javalin..", "org.eclipse.jetty..",
                    "jakarta.servlet..", "org.mariadb..", "com.zaxxer..", "io.micrometer..");

    @ArchTest
    static final ArchRule coreDependsOnNoIoLibraries = noClasses().that().resideInAPackage("pos.core..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "io.lettuce..", "javafx..", "com.fasterxml..");

    @ArchTest
    static final ArchRule journalKnowsNothingOfTheNetwork = noClasses().that().resideInAPackage("pos.sync.journal..")
            .should().dependOnClassesThat().resideInAnyPackage("io.lettuce..", "pos.contract.redis..", "pos.sync.outbox..", "org.mariadb..", "com.zaxxer..");

    @ArchTest
    static final ArchRule partsDoNotReachBackIntoTheRootService = noClasses()
            .that().resideInAnyPackage("pos.sync.journal..", "pos.sync.outbox..")
            .should().dependOnClassesThat().haveFullyQualifiedName(SyncService.class.getName())
            .orShould().dependOnClassesThat().haveFullyQualifiedName(SyncSettings.class.getName());
}
