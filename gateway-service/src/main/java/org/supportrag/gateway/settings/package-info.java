/**
 * One place for a tenant's settings, wherever they live: the gateway's rate limits, generation's token and cost
 * budgets with the model routing tier, and its guardrail policy (banned topics, thresholds for caveats and
 * escalation). Each section is read and changed through its owning API, so validation and audit stay there.
 */
@NullMarked
package org.supportrag.gateway.settings;

import org.jspecify.annotations.NullMarked;
