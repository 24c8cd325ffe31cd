package pos.app.config;

/**
 * Where a setting's value came from, in rising precedence: the built-in default, the config file ({@code --config}),
 * an environment variable, the command line. The later layer wins; a bad value is reported with its layer, so the
 * installer knows where to fix it.
 */
public enum SettingLayer {
    DEFAULT,
    FILE,
    ENVIRONMENT,
    COMMAND_LINE
}
