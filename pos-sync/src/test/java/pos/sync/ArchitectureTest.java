package pos.sync;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Dependencies point one way (STYLE 1): pos-sync → pos-core, and pos-core has no I/O libraries. */
@AnalyzeClasses(packages = "pos", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule syncDependsOnNoUiAndNoDevices = noClasses().that().resideInAPackage("pos.sync..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "pos.app..", "pos.device..");

    @ArchTest
    static final ArchRule coreDependsOnNoIoLibraries = noClasses().that().resideInAPackage("pos.core..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "io.lettuce..", "javafx..", "com.fasterxml..");

    @ArchTest
    static final ArchRule journalKnowsNothingOfTheNetwork = noClasses().that().resideInAPackage("pos.sync.journal..")
            .should().dependOnClassesThat().resideInAnyPackage("io.lettuce..", "pos.sync.redis..", "pos.sync.outbox..",
                    "pos.sync.archive..", "org.mariadb..", "com.zaxxer..");

    @ArchTest
    static final ArchRule partsDoNotReachBackIntoTheRootService = noClasses()
            .that().resideInAnyPackage("pos.sync.journal..", "pos.sync.outbox..", "pos.sync.archive..", "pos.sync.redis..")
            .should().dependOnClassesThat().haveFullyQualifiedName(SyncService.class.getName())
            .orShould().dependOnClassesThat().haveFullyQualifiedName(SyncSettings.class.getName());
}
