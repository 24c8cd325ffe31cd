package pos.app.checkout;

/** A checkout class with JavaFX in it. Only for {@code AppArchitectureRulesCanFailTest}. */
final class LeakyCheckoutFixture {
    final javafx.beans.property.SimpleStringProperty text = null;
}
