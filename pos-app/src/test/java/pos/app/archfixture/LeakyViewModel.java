package pos.app.archfixture;

/** A view model that breaks the rule: it holds a node. Only for {@code AppArchitectureRulesCanFailTest}. */
public final class LeakyViewModel {
    final javafx.scene.control.Label label = null;
}
