// Start Swagger UI for /api/v1/docs from the settings the page carries in a JSON script tag (the
// Content-Security-Policy refuses inline scripts); API calls made from it send the CSRF token.
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("swagger-settings").textContent);
  const token = document.body.dataset.csrfToken;
  config.dom_id = "#swagger-ui";
  config.presets = [SwaggerUIBundle.presets.apis];
  if (token) {
    config.requestInterceptor = function (request) {
      request.headers["X-CSRFToken"] = token;
      return request;
    };
  }
  window.ui = SwaggerUIBundle(config);
})();
