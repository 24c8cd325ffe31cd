/**
 * The till's start-up: the stack of what was opened ({@link pos.app.start.StartupStack}), closed in reverse
 * order when a later step fails, and the modules {@code pos.app.Wiring} composes (store link, sync, rules,
 * payments, devices; the people module lives with the people screens in {@code pos.app.people}); and the launch's
 * own parts (issue 14): the help and version of {@code pos till}, SQLite warmed up while JavaFX starts, and the
 * line {@code pos: usable after N ms} that {@code ./pos bench startup} times.
 */
package pos.app.start;
