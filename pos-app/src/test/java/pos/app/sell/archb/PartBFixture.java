package pos.app.sell.archb;

/** A part the fixture of another part reaches into. Only for {@code AppArchitectureRulesCanFailTest}. */
public final class PartBFixture {
}
