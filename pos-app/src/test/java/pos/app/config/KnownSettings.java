package pos.app.config;

/** For tests in other packages: whether the till's configuration knows a setting (it refuses unknown ones). */
public final class KnownSettings {

    private KnownSettings() {
    }

    public static boolean known(String name) {
        return ConfigLoader.SETTINGS.containsKey(name);
    }
}
