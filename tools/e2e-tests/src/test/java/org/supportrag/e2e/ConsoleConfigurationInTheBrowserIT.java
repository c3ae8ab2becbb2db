package org.supportrag.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's configuration pages in a real browser ({@link BrowserSuite#CONSOLE_CONFIGURATION}): an admin changes
 * a setting (an invalid value refused with its reason), invites a console user and revokes the invitation, and
 * promotes tenant prompt versions to canary and production.
 */
@ExtendWith(ServiceLogsOnFailure.class)
class ConsoleConfigurationInTheBrowserIT {

    @Test
    void anAdminConfiguresSettingsUsersAndPromptsInTheConsole() throws Exception {
        BrowserSuite.CONSOLE_CONFIGURATION.run();
    }
}
