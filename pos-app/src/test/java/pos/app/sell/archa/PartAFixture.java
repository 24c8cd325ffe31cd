package pos.app.sell.archa;

/** A part that reaches into a sibling part and its parent. Only for {@code AppArchitectureRulesCanFailTest}. */
public final class PartAFixture {
    final pos.app.sell.archb.PartBFixture sibling = null;
    final pos.app.sell.SellViewModel parent = null;
}
