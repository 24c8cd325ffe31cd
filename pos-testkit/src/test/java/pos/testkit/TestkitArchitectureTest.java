package pos.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "pos.testkit", importOptions = ImportOption.DoNotIncludeTests.class)
class TestkitArchitectureTest {

    @ArchTest
    static final ArchRule internalMachineryKnowsNoServerOrJUnitPackage = noClasses()
            .that().resideInAPackage("pos.testkit.internal..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "pos.testkit.redis..", "pos.testkit.mariadb..", "pos.testkit.junit..");

    @ArchTest
    static final ArchRule serversAreUsableWithoutJUnit = noClasses()
            .that().resideInAnyPackage("pos.testkit.redis..", "pos.testkit.mariadb..", "pos.testkit.internal..")
            .should().dependOnClassesThat().resideInAnyPackage("org.junit..", "pos.testkit.junit..");

    @ArchTest
    static final ArchRule redisAndMariaDbAreIndependent = noClasses()
            .that().resideInAPackage("pos.testkit.redis..")
            .should().dependOnClassesThat().resideInAPackage("pos.testkit.mariadb..");

    @ArchTest
    static final ArchRule mariaDbAndRedisAreIndependent = noClasses()
            .that().resideInAPackage("pos.testkit.mariadb..")
            .should().dependOnClassesThat().resideInAPackage("pos.testkit.redis..");
}
