package org.supportrag.gateway.audit;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    FilterRegistrationBean<AdminRouteAuditFilter> adminRouteAuditFilter(AuditLog auditLog) {
        var registration = new FilterRegistrationBean<>(new AdminRouteAuditFilter(auditLog));
        // Proxied admin routes and agent actions (the filter picks them); the admin API served here records its own,
        // more precise events.
        registration.addUrlPatterns("/api/v1/*");
        // After Spring Security (the caller is known) and before the size limit (oversized uploads are audited too).
        registration.setOrder(-1);
        return registration;
    }
}
