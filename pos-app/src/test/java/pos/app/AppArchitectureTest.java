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

    /** Every {@code *Model} (so every {@code *ViewModel}) holds properties and observable lists, never a node. */
    @ArchTest
    static final ArchRule modelsNeverTouchNodes = noClasses().that().resideInAPackage("pos.app..")
            .and().haveSimpleNameEndingWith("Model")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "javafx.fxml..")
            .because("view models are driven by tests without a window; only javafx.beans and javafx.collections are theirs");

    @ArchTest
    static final ArchRule checkoutCoreHasNoJavaFx = noClasses().that().resideInAPackage("pos.app.checkout..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..")
            .because("the checkout core is plain Java: the sale, where it is, the tenders; screens observe it");

    @ArchTest
    static final ArchRule checkoutCoreKnowsNoScreen = noClasses().that().resideInAPackage("pos.app.checkout..")
            .should().dependOnClassesThat().resideInAnyPackage("pos.app.sell..", "pos.app.customer..", "pos.app.people..");

    /** A part of the sell screen (cart, cash, qr, paycode, card, voucher, rulecheck, result, status) never knows another. */
    @ArchTest
    static final ArchRule sellPartsDoNotKnowEachOther = slices().matching("pos.app.sell.(*)..").should().notDependOnEachOther();

    /** A part talks to the checkout core, never back to the screen that composes it. */
    @ArchTest
    static final ArchRule sellPartsDoNotCallTheirParent = noClasses().that().resideInAPackage("pos.app.sell..")
            .and().resideOutsideOfPackage("pos.app.sell")
            .should().dependOnClassesThat().resideInAPackage("pos.app.sell");

    @ArchTest
    static final ArchRule screensDoNotDependOnEachOtherInCycles = slices().matching("pos.app.(*)..").should().beFreeOfCycles();
}
