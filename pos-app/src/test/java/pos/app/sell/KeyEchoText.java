package pos.app.sell;

import java.util.Collections;
import java.util.Enumeration;
import java.util.ResourceBundle;

/** Texts that are their own keys, so a test of the checkout reads which message it chose ("ERROR voucher.busy"). */
final class KeyEchoText extends ResourceBundle {

    @Override
    protected Object handleGetObject(String key) {
        return key;
    }

    @Override
    public boolean containsKey(String key) {
        return true;
    }

    @Override
    public Enumeration<String> getKeys() {
        return Collections.emptyEnumeration();
    }
}
