package org.supportrag.retrieval;

import java.util.Arrays;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.security.CallerContext;
import org.supportrag.defaults.security.Roles;

/**
 * Which roles may call which API. Checked in an interceptor, i.e. before the body is read and validated, so a caller
 * without the role learns nothing about what a valid request looks like.
 */
@Configuration(proxyBeanMethods = false)
class AccessPolicy implements WebMvcConfigurer {

    static final String INDEX_PATHS = "/api/v1/index/**";
    static final String SEARCH_PATH = "/api/v1/search";

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new RequireAnyRole(Roles.SERVICE, Roles.ADMIN)).addPathPatterns(INDEX_PATHS);
        registry.addInterceptor(new RequireAnyRole(Roles.CUSTOMER, Roles.AGENT, Roles.ADMIN, Roles.SERVICE))
            .addPathPatterns(SEARCH_PATH);
    }

    static final class RequireAnyRole implements HandlerInterceptor {

        private final Set<String> roles;

        RequireAnyRole(String... roles) {
            this.roles = Set.copyOf(Arrays.asList(roles));
        }

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            if (CallerContext.current().roles().stream().noneMatch(roles::contains)) {
                throw ApiProblemException.forbidden("forbidden", "Forbidden",
                        "The caller's roles do not allow this operation.");
            }
            return true;
        }
    }
}
