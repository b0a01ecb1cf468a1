// The browsable API: the OpenAPI document with "Try it out"; authorise with a token from POST /api/v1/auth/token.
window.ui = SwaggerUIBundle({ url: "/openapi/v1.json", dom_id: "#swagger-ui", deepLinking: true, persistAuthorization: true });
