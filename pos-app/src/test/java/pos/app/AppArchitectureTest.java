package pos.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * DESIGN.md §2 over the whole till: pos-app → pos-device, pos-sync → pos-core, never back up,
 * and pos-device and pos-sync do not know each other.
 */
@AnalyzeClasses(packages = "pos", importOptions = ImportOption.DoNotIncludeTests.class)
class AppArchitectureTest {

    @ArchTest
    static final ArchRule coreKnowsNoOtherModule = noClasses().that().resideInAPackage("pos.core..")
            .should().dependOnClassesThat().resideInAnyPackage("pos.app..", "pos.device..", "pos.sync..");

    @ArchTest
    static final ArchRule coreHasNoUiOrIo = noClasses().that().resideInAPackage("pos.core..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.sql..", "io.lettuce..", "org.jdbi..");

    @ArchTest
    static final ArchRule devicesDoNotKnowSyncOrApp = noClasses().that().resideInAPackage("pos.device..")
            .should().dependOnClassesThat().resideInAnyPackage("pos.sync..", "pos.app..");

    @ArchTest
    static final ArchRule syncDoesNotKnowDevicesAppOrJavaFx = noClasses().that().resideInAPackage("pos.sync..")
            .should().dependOnClassesThat().resideInAnyPackage("pos.device..", "pos.app..", "javafx..");

    @ArchTest
    static final ArchRule viewModelsNeverTouchNodes = noClasses().that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "javafx.fxml..");

    @ArchTest
    static final ArchRule screensDoNotDependOnEachOtherInCycles = slices().matching("pos.app.(*)..").should().beFreeOfCycles();
}
