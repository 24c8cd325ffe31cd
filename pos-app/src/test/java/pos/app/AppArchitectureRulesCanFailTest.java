package pos.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;
import pos.app.archfixture.LeakyCheckoutModel;
import pos.app.archfixture.LeakyViewModel;

/** The architecture rules of {@link AppArchitectureTest} do fail on classes that break them (a rule that cannot fail checks nothing). */
class AppArchitectureRulesCanFailTest {

    @Test
    void aViewModelOrAModelHoldingANodeIsReported() {
        JavaClasses leaky = new ClassFileImporter().importClasses(LeakyViewModel.class, LeakyCheckoutModel.class);
        var result = AppArchitectureTest.modelsNeverTouchNodes.evaluate(leaky);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anySatisfy(d -> assertThat(d).contains("LeakyViewModel"))
                .anySatisfy(d -> assertThat(d).contains("LeakyCheckoutModel"));
    }

    @Test
    void javaFxInTheCheckoutCoreIsReported() throws ClassNotFoundException {
        JavaClasses leaky = new ClassFileImporter().importClasses(Class.forName("pos.app.checkout.LeakyCheckoutFixture"));
        assertThat(AppArchitectureTest.checkoutCoreHasNoJavaFx.evaluate(leaky).hasViolation()).isTrue();
    }

    @Test
    void aPartReachingIntoASiblingOrItsParentIsReported() {
        JavaClasses parts = new ClassFileImporter().importClasses(pos.app.sell.archa.PartAFixture.class,
                pos.app.sell.archb.PartBFixture.class, pos.app.sell.SellViewModel.class);
        assertThat(AppArchitectureTest.sellPartsDoNotKnowEachOther.evaluate(parts).hasViolation()).isTrue();
        assertThat(AppArchitectureTest.sellPartsDoNotCallTheirParent.evaluate(parts).hasViolation()).isTrue();
    }
}
