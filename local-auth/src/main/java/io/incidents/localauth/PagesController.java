package io.incidents.localauth;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import java.util.stream.Collectors;

/** The login form (Spring Security handles its POST) and the page a signed-in person lands on. */
@Controller
class PagesController {

    @GetMapping(path = SecurityConfiguration.LOGIN_PAGE, produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout, CsrfToken csrf) {
        Pages.Notice notice = error != null ? Pages.Notice.FAILED : logout != null ? Pages.Notice.SIGNED_OUT : Pages.Notice.NONE;
        return Pages.login(notice, csrf.getParameterName(), csrf.getToken());
    }

    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String signedIn(Authentication user, CsrfToken csrf) {
        String roles = user.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .map(authority -> authority.replaceFirst("^ROLE_", ""))
                .collect(Collectors.joining(", "));
        return Pages.signedIn(user.getName(), roles, csrf.getParameterName(), csrf.getToken());
    }
}
