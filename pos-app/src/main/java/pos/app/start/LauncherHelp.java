package pos.app.start;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * The parts of {@code pos till --help} that are not one option's (issue 14 point 5): where the data directory is on
 * this machine when none is given, and what card payments need. Written as short
 * lines of their own, never wrapped by picocli, so no option or setting name is cut in two.
 */
public final class LauncherHelp {

    /** The help section's key, placed before the footer. */
    static final String SECTION = "posTillDetails";

    private LauncherHelp() {
    }

    /**
     * Adds the section to {@code commandLine}'s help and sets its width: the terminal's, 80 columns when there is none.
     *
     * @param defaultDataDir the data directory when none is set, as it resolves here
     */
    public static CommandLine addTo(CommandLine commandLine, Path defaultDataDir) {
        commandLine.setUsageHelpAutoWidth(true);
        commandLine.getHelpSectionMap().put(SECTION, help -> String.join(System.lineSeparator(), lines(defaultDataDir))
                + System.lineSeparator());
        List<String> keys = new ArrayList<>(commandLine.getHelpSectionKeys());
        int footer = keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER_HEADING);
        keys.add(footer < 0 ? keys.size() : footer, SECTION);
        commandLine.setHelpSectionKeys(keys);
        return commandLine;
    }

    static List<String> lines(Path defaultDataDir) {
        return List.of(
                "",
                "Data directory (journal, logs, keys, credentials) when --data-dir is not given:",
                "  " + defaultDataDir,
                "  ($XDG_DATA_HOME/countertop-pos, else ~/.local/share/countertop-pos)",
                "",
                "Card payments (F1), like QR and pay-code payments, need:",
                "  - a payment provider: --provider sandbox (the default) with --gateway",
                "    pointing at ./pos gateway-sandbox, or wechatpay / alipay with their",
                "    credential files (--provider-credentials) and no --gateway;",
                "  - the store hub (--hub) and the store's Redis (--redis);",
                "  - outside demo mode, the PIN key shared with the gateway in the setting",
                "    pos.gateway.pinKey or the variable POS_GATEWAY_PIN_KEY (in the config",
                "    file, never on the command line). Without them the till sells cash.");
    }
}
