package org.supportrag.generation.crm;

import java.util.concurrent.atomic.AtomicBoolean;

import lombok.RequiredArgsConstructor;
import org.springframework.ai.tool.annotation.Tool;

/**
 * The CRM as Spring AI tools for one turn. The customer is bound from the verified identity, never taken from the
 * model's arguments, so a prompt cannot make the model read another customer's data. A failing CRM answers the
 * model with a short notice and marks the turn degraded.
 */
@RequiredArgsConstructor
final class CrmTools {

    static final String UNAVAILABLE = "The customer records are temporarily unavailable. Answer from the help "
            + "center only and offer to have a person check the account.";
    static final String NOT_FOUND = "No record of this customer was found.";

    private final CrmClient crm;
    private final String tenantId;
    private final String customerId;
    private final AtomicBoolean unavailable;

    @Tool(name = "getCustomerProfile",
            description = "The signed-in customer's profile from the CRM (name, email, customer since). "
                    + "Use it only when the question concerns this customer.")
    String getCustomerProfile() {
        return fetch(CrmClient.Resource.CUSTOMER);
    }

    @Tool(name = "getCustomerAccount",
            description = "The signed-in customer's account from the CRM: plan, billing status, balance.")
    String getCustomerAccount() {
        return fetch(CrmClient.Resource.ACCOUNT);
    }

    @Tool(name = "getCustomerOrders",
            description = "The signed-in customer's recent orders and shipments from the CRM, with their status.")
    String getCustomerOrders() {
        return fetch(CrmClient.Resource.ORDERS);
    }

    private String fetch(CrmClient.Resource resource) {
        if (unavailable.get()) {
            return UNAVAILABLE;
        }
        try {
            String data = crm.fetch(tenantId, customerId, resource);
            return data == null ? NOT_FOUND : data;
        }
        catch (CrmUnavailableException ex) {
            unavailable.set(true);
            return UNAVAILABLE;
        }
    }
}
