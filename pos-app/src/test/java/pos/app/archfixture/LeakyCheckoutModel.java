package pos.app.archfixture;

/** A "model" (not a view model by name) holding a stage. Only for {@code AppArchitectureRulesCanFailTest}. */
public final class LeakyCheckoutModel {
    final javafx.stage.Stage stage = null;
}
