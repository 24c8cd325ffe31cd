package pos.device;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Dependencies point one way (STYLE §1): pos-device uses pos-core, never pos-sync or pos-app; pos-core
 * knows nothing of JavaFX or I/O libraries; the burst detector stays free of JavaFX so it can be
 * tested without a toolkit. Rules fail on an empty selection (ArchUnit's default), so a renamed
 * package cannot make them pass vacuously.
 */
@AnalyzeClasses(packages = "pos", importOptions = ImportOption.DoNotIncludeTests.class)
class DeviceArchitectureTest {

    @ArchTest
    static final ArchRule deviceDoesNotDependOnSyncOrApp = noClasses()
            .that().resideInAPackage("pos.device..")
            .should().dependOnClassesThat().resideInAnyPackage("pos.sync..", "pos.app..")
            .because("drivers sit beside pos-sync and below pos-app (DESIGN §2)");

    @ArchTest
    static final ArchRule coreHasNoJavaFxOrIo = noClasses()
            .that().resideInAPackage("pos.core..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.sql..", "io.lettuce..")
            .because("pos-core holds the domain and ports only (DESIGN §2, STYLE §1)");

    @ArchTest
    static final ArchRule burstDetectionIsPureLogic = noClasses()
            .that().haveSimpleNameStartingWith("Wedge").and().resideInAPackage("pos.device.wedge")
            .and().doNotHaveSimpleName("WedgeKeyFilter")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..")
            .because("the detector and its settings are tested with plain JUnit and a fake clock");

    @ArchTest
    static final ArchRule webcamScanningNeedsNoToolkit = noClasses()
            .that().resideInAPackage("pos.device.webcam")
            .and().doNotHaveSimpleName("WebcamPreview")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..")
            .because("the webcam scanner, its decoder and the simulated camera run in benchmarks and tests without JavaFX;"
                    + " only the preview is a JavaFX node");

    @ArchTest
    static final ArchRule fingerprintDriverNeverMeetsJavaFx = noClasses()
            .that().resideInAnyPackage("pos.device.fingerprint..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..")
            .because("libfprint runs in its own worker process, away from JavaFX's GTK main loop (DESIGN §7)");

    @ArchTest
    static final ArchRule onlyTheFingerprintPackageUsesJna = noClasses()
            .that().resideOutsideOfPackage("pos.device.fingerprint")
            .should().dependOnClassesThat().resideInAnyPackage("com.sun.jna..")
            .because("the native bindings stay inside the fingerprint adapter");
}
