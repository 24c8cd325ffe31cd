package pos.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** DESIGN.md §2: pos-core is the bottom layer: domain and ports, no JavaFX, no I/O libraries. */
@AnalyzeClasses(packages = "pos.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {

    @ArchTest
    static final ArchRule coreDependsOnNoOtherModule = noClasses().that().resideInAPackage("pos.core..")
            .should().dependOnClassesThat().resideInAnyPackage("pos.app..", "pos.device..", "pos.sync..");

    @ArchTest
    static final ArchRule coreUsesNoUiOrIoLibrary = noClasses().that().resideInAPackage("pos.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "javafx..", "java.sql..", "java.net..", "java.nio.file..", "java.io.File*",
                    "io.lettuce..", "com.fasterxml..", "org.jdbi..", "org.slf4j..");
}
