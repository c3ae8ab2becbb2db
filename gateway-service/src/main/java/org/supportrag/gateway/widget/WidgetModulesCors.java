package org.supportrag.gateway.widget;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The widget's loader ({@code /widget.js}) imports its ES modules from {@code /widget/}; a page on another site
 * fetches module scripts in CORS mode, so they are readable from any origin. They are public static files, fetched
 * without credentials; the API the widget then calls checks the key's origins as before.
 */
@Configuration(proxyBeanMethods = false)
class WidgetModulesCors implements WebMvcConfigurer {

    static final String MODULES = "/widget/**";

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        registry.addMapping(MODULES).allowedOrigins("*").allowedMethods("GET", "HEAD");
    }
}
