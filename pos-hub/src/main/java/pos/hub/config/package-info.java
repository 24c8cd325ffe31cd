/**
 * The hub's settings from files (issue 14, the packaged hub's systemd unit): {@code --config FILE}, a
 * properties file whose keys are the long options, and {@code --secrets FILE}, a 0600 properties file with
 * the passwords and tokens, so the unit's command line carries no setting and no secret.
 */
package pos.hub.config;
