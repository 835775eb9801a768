// Generated from the server's OpenAPI document by `npm run api:types`; do not edit.
// A test fails when it no longer matches the routes.
export type paths = {
    "/api/v1/agents/enrol": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Enrol an agent with an enrolment token and its public key */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        hostname?: string;
                        name: string;
                        platform?: string;
                        publicKey: {
                            /** @constant */
                            crv: "Ed25519";
                            /** @constant */
                            kty: "OKP";
                            x: string;
                        };
                        token: string;
                        version?: string;
                    };
                };
            };
            responses: {
                /** @description Success */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            agentId: string;
                            /** Format: uuid */
                            companyId: string;
                            config: {
                                planId: string;
                                telemetryIntervalMs: number;
                            };
                            /** Format: uuid */
                            projectId: string;
                            /** @enum {string} */
                            status: "pending" | "active" | "rejected" | "revoked";
                            tags: string[];
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the company's API keys (never their secrets)
         * @description Needs permission (API key scope) `api_keys:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            apiKeys: {
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: uuid */
                                createdBy: string;
                                expiresAt: string | null;
                                /** Format: uuid */
                                id: string;
                                lastUsedAt: string | null;
                                name: string;
                                parentId: string | null;
                                prefix: string;
                                projectIds: string[] | null;
                                revokedAt: string | null;
                                scopes: ("company:read" | "company:write" | "members:read" | "members:write" | "projects:create" | "projects:delete" | "projects:read" | "projects:write" | "project_members:write" | "agents:read" | "agents:write" | "transfers:read" | "transfers:write" | "jobs:read" | "jobs:write" | "api_keys:read" | "api_keys:write" | "billing:read" | "billing:write" | "audit:read" | "alerts:read" | "alerts:write" | "integrations:read" | "integrations:write" | "storage:read" | "storage:write")[];
                            }[];
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create an API key; its secret is in this response only. A key made with a key expires no later than it (its expiry by default)
         * @description Needs permission (API key scope) `api_keys:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date-time */
                        expiresAt?: string;
                        name: string;
                        projectIds?: string[];
                        scopes: ("company:read" | "company:write" | "members:read" | "members:write" | "projects:create" | "projects:delete" | "projects:read" | "projects:write" | "project_members:write" | "agents:read" | "agents:write" | "transfers:read" | "transfers:write" | "jobs:read" | "jobs:write" | "api_keys:read" | "api_keys:write" | "billing:read" | "billing:write" | "audit:read" | "alerts:read" | "alerts:write" | "integrations:read" | "integrations:write" | "storage:read" | "storage:write")[];
                    };
                };
            };
            responses: {
                /** @description Success */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            apiKey: {
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: uuid */
                                createdBy: string;
                                expiresAt: string | null;
                                /** Format: uuid */
                                id: string;
                                lastUsedAt: string | null;
                                name: string;
                                parentId: string | null;
                                prefix: string;
                                projectIds: string[] | null;
                                revokedAt: string | null;
                                scopes: ("company:read" | "company:write" | "members:read" | "members:write" | "projects:create" | "projects:delete" | "projects:read" | "projects:write" | "project_members:write" | "agents:read" | "agents:write" | "transfers:read" | "transfers:write" | "jobs:read" | "jobs:write" | "api_keys:read" | "api_keys:write" | "billing:read" | "billing:write" | "audit:read" | "alerts:read" | "alerts:write" | "integrations:read" | "integrations:write" | "storage:read" | "storage:write")[];
                            };
                            secret: string;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{apiKeyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key and every key minted from it; they stop working on their next request
         * @description Needs permission (API key scope) `api_keys:write`.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    apiKeyId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done, no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the audit log, newest first (Enterprise plan)
         * @description Needs permission (API key scope) `audit:read`.
         */
        get: {
            parameters: {
                query?: {
                    action?: string;
                    before?: number;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entries: {
                                action: string;
                                actorApiKeyId: string | null;
                                actorUserId: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                id: number;
                                ip: string | null;
                                requestId: string | null;
                                targetId: string | null;
                                targetType: string;
                                userAgent: string | null;
                            }[];
                            nextBefore: number | null;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with email and password; returns a session for one of your companies */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        companyId?: string;
                        /** Format: email */
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accessToken: string;
                            company: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                planId: string;
                                /** @enum {string} */
                                role: "owner" | "admin" | "member" | "billing";
                            };
                            expiresIn: number;
                            refreshToken?: string;
                            user: {
                                /** Format: date-time */
                                createdAt: string;
                                email: string;
                                /** Format: uuid */
                                id: string;
                                name: string | null;
                            };
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the session the refresh token (body, or session cookie) belongs to, and clear the cookie */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        refreshToken?: string;
                    };
                };
            };
            responses: {
                /** @description Done, no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change your password; your other sessions are signed out */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        currentPassword: string;
                        newPassword: string;
                    };
                };
            };
            responses: {
                /** @description Done, no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Email a link to choose a new password (valid one hour); answers the same whether or not the address has an account */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                    };
                };
            };
            responses: {
                /** @description Success */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: string;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a new password with an emailed reset link's token; every session of the account is signed out */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        password: string;
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Done, no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Trade a refresh token (the body's, or the session cookie's with "X-TCPA-Session: cookie") for a new pair; reusing a spent one signs the whole session out */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        refreshToken?: string;
                    };
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accessToken: string;
                            company: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                planId: string;
                                /** @enum {string} */
                                role: "owner" | "admin" | "member" | "billing";
                            };
                            expiresIn: number;
                            refreshToken?: string;
                            user: {
                                /** Format: date-time */
                                createdAt: string;
                                email: string;
                                /** Format: uuid */
                                id: string;
                                name: string | null;
                            };
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/signup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a company, its owner and a Free subscription; returns a session */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        companyName: string;
                        /** Format: email */
                        email: string;
                        name?: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Success */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accessToken: string;
                            company: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                planId: string;
                                /** @enum {string} */
                                role: "owner" | "admin" | "member" | "billing";
                            };
                            expiresIn: number;
                            refreshToken?: string;
                            user: {
                                /** Format: date-time */
                                createdAt: string;
                                email: string;
                                /** Format: uuid */
                                id: string;
                                name: string | null;
                            };
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/switch-company": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Get a session for another company you belong to */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        companyId: string;
                    };
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accessToken: string;
                            company: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                planId: string;
                                /** @enum {string} */
                                role: "owner" | "admin" | "member" | "billing";
                            };
                            expiresIn: number;
                            refreshToken?: string;
                            user: {
                                /** Format: date-time */
                                createdAt: string;
                                email: string;
                                /** Format: uuid */
                                id: string;
                                name: string | null;
                            };
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/verify-email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm your email address with the token of the link emailed at sign-up (valid 24 hours) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email: string;
                            /** @constant */
                            emailVerified: true;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/verify-email/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Email yourself a new verification link; earlier links stop working */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: string;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/billing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How the plan is paid for: who manages it, its status, period and grace
         * @description Needs permission (API key scope) `billing:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            billedPlanId: string | null;
                            cancelAtPeriodEnd: boolean;
                            currentPeriodEnd: string | null;
                            graceEndsAt: string | null;
                            /** @enum {string} */
                            managedBy: "stripe" | "operator";
                            pastDueSince: string | null;
                            portalAvailable: boolean;
                            purchasablePlanIds: string[];
                            /** @enum {string} */
                            status: "active" | "past_due" | "canceled";
                            stripeConfigured: boolean;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/billing/checkout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Opens a Stripe Checkout page to buy a plan; answers the page to send the browser to
         * @description Needs permission (API key scope) `billing:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        plan: string;
                    };
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uri */
                            url: string;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/billing/invoices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The company's latest invoices from Stripe (24 at most, newest first)
         * @description Needs permission (API key scope) `billing:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            invoices: {
                                amountDueCents: number;
                                amountPaidCents: number;
                                /** Format: date-time */
                                createdAt: string;
                                currency: string;
                                id: string;
                                number: string | null;
                                status: string | null;
                                url: string | null;
                            }[];
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/billing/portal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Opens the Stripe Customer Portal (payment method, invoices, cancel); answers the page's address
         * @description Needs permission (API key scope) `billing:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uri */
                            url: string;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/company": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Rename your company
         * @description Needs permission (API key scope) `company:write`.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            id: string;
                            name: string;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Server version and database status (503 while the database is unreachable) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            database: {
                                /** @enum {string} */
                                kind: "pglite" | "postgres";
                                latencyMs: number | null;
                                /** @enum {string} */
                                status: "ok" | "unreachable";
                            };
                            /** @enum {string} */
                            status: "ok" | "degraded";
                            version: string;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List invitations, newest first
         * @description Needs permission (API key scope) `members:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            invitations: {
                                acceptedAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                email: string;
                                /** Format: date-time */
                                expiresAt: string;
                                /** Format: uuid */
                                id: string;
                                revokedAt: string | null;
                                /** @enum {string} */
                                role: "owner" | "admin" | "member" | "billing";
                            }[];
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Invite someone to the company: the link is emailed to them (when SMTP_URL is set), and the response carries it too
         * @description Needs permission (API key scope) `members:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        /** @enum {string} */
                        role: "owner" | "admin" | "member" | "billing";
                    };
                };
            };
            responses: {
                /** @description Success */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            emailed: boolean;
                            invitation: {
                                acceptedAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                email: string;
                                /** Format: date-time */
                                expiresAt: string;
                                /** Format: uuid */
                                id: string;
                                revokedAt: string | null;
                                /** @enum {string} */
                                role: "owner" | "admin" | "member" | "billing";
                            };
                            link: string;
                            token: string;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invitations/{invitationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Withdraw a pending invitation
         * @description Needs permission (API key scope) `members:write`.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    invitationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done, no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept an invitation as a new person by choosing a password (an address that has an account signs in and uses /invitations/join) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        password: string;
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accessToken: string;
                            company: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                planId: string;
                                /** @enum {string} */
                                role: "owner" | "admin" | "member" | "billing";
                            };
                            expiresIn: number;
                            refreshToken?: string;
                            user: {
                                /** Format: date-time */
                                createdAt: string;
                                email: string;
                                /** Format: uuid */
                                id: string;
                                name: string | null;
                            };
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invitations/join": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept an invitation as the account you are signed in as (its address must be the invited one) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accessToken: string;
                            company: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                planId: string;
                                /** @enum {string} */
                                role: "owner" | "admin" | "member" | "billing";
                            };
                            expiresIn: number;
                            refreshToken?: string;
                            user: {
                                /** Format: date-time */
                                createdAt: string;
                                email: string;
                                /** Format: uuid */
                                id: string;
                                name: string | null;
                            };
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invitations/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What an invitation link offers: company, role and the invited address */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            companyName: string;
                            email: string;
                            /** Format: date-time */
                            expiresAt: string;
                            /** @enum {string} */
                            role: "owner" | "admin" | "member" | "billing";
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who you are: user, current company, all your companies, permissions */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            apiKeyId: string | null;
                            companies: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                planId: string;
                                /** @enum {string} */
                                role: "owner" | "admin" | "member" | "billing";
                            }[];
                            company: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                planId: string;
                                /** @enum {string} */
                                role: "owner" | "admin" | "member" | "billing";
                            };
                            emailVerified: boolean;
                            permissions: string[];
                            user: {
                                /** Format: date-time */
                                createdAt: string;
                                email: string;
                                /** Format: uuid */
                                id: string;
                                name: string | null;
                            };
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the company's members and their roles
         * @description Needs permission (API key scope) `members:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            members: {
                                email: string;
                                /** Format: date-time */
                                joinedAt: string;
                                name: string | null;
                                /** @enum {string} */
                                role: "owner" | "admin" | "member" | "billing";
                                /** Format: uuid */
                                userId: string;
                            }[];
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a member from the company (and from all its projects)
         * @description Needs permission (API key scope) `members:write`.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done, no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change a member's company role
         * @description Needs permission (API key scope) `members:write`.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        role: "owner" | "admin" | "member" | "billing";
                    };
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            members: {
                                email: string;
                                /** Format: date-time */
                                joinedAt: string;
                                name: string | null;
                                /** @enum {string} */
                                role: "owner" | "admin" | "member" | "billing";
                                /** Format: uuid */
                                userId: string;
                            }[];
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/notification-channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the company's notification channels (never their URLs or secrets: a URL shows as its host)
         * @description Needs permission (API key scope) `company:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            channels: {
                                /** Format: date-time */
                                createdAt: string;
                                disabledReason: string | null;
                                enabled: boolean;
                                eventTypes: string[];
                                failingSince: string | null;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                kind: "email" | "slack" | "teams" | "webhook";
                                name: string;
                                recipients: string[];
                                urlHost: string | null;
                            }[];
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Add a channel: email recipients (Starter and up), a Slack or Teams incoming webhook, or a webhook endpoint (Professional and up). A webhook’s signing secret is in this response only
         * @description Needs permission (API key scope) `integrations:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @constant */
                        kind: "email";
                        name: string;
                        recipients: string[];
                    } | {
                        /** @constant */
                        kind: "slack";
                        name: string;
                        /** Format: uri */
                        url: string;
                    } | {
                        /** @constant */
                        kind: "teams";
                        name: string;
                        /** Format: uri */
                        url: string;
                    } | {
                        eventTypes: ("transfer.started" | "transfer.succeeded" | "transfer.failed" | "transfer.canceled" | "job.run_started" | "job.run_succeeded" | "job.run_failed" | "job.run_canceled" | "job.run_skipped" | "job.run_missed" | "job.run_queued" | "agent.enrolled" | "agent.pending" | "agent.approved" | "agent.rejected" | "agent.revoked" | "agent.online" | "agent.offline" | "alert.opened" | "alert.resolved" | "transfer.*" | "job.*" | "agent.*" | "alert.*" | "*")[];
                        /** @constant */
                        kind: "webhook";
                        name: string;
                        /** Format: uri */
                        url: string;
                    };
                };
            };
            responses: {
                /** @description Success */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            channel: {
                                /** Format: date-time */
                                createdAt: string;
                                disabledReason: string | null;
                                enabled: boolean;
                                eventTypes: string[];
                                failingSince: string | null;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                kind: "email" | "slack" | "teams" | "webhook";
                                name: string;
                                recipients: string[];
                                urlHost: string | null;
                            };
                            signingSecret: string | null;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notification-channels/{channelId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a channel; rules that used it keep their other channels, and its pending messages are dropped
         * @description Needs permission (API key scope) `integrations:write`.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    channelId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done, no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change a channel's name, email recipients, webhook event types or URL (a new one replaces it; the old is never shown); `enabled: true` turns one disabled after days of failures back on
         * @description Needs permission (API key scope) `integrations:write`.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    channelId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        enabled?: boolean;
                        eventTypes?: ("transfer.started" | "transfer.succeeded" | "transfer.failed" | "transfer.canceled" | "job.run_started" | "job.run_succeeded" | "job.run_failed" | "job.run_canceled" | "job.run_skipped" | "job.run_missed" | "job.run_queued" | "agent.enrolled" | "agent.pending" | "agent.approved" | "agent.rejected" | "agent.revoked" | "agent.online" | "agent.offline" | "alert.opened" | "alert.resolved" | "transfer.*" | "job.*" | "agent.*" | "alert.*" | "*")[];
                        name?: string;
                        recipients?: string[];
                        /** Format: uri */
                        url?: string;
                    };
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            disabledReason: string | null;
                            enabled: boolean;
                            eventTypes: string[];
                            failingSince: string | null;
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "email" | "slack" | "teams" | "webhook";
                            name: string;
                            recipients: string[];
                            urlHost: string | null;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/notification-channels/{channelId}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A channel's delivery log, newest first: status, attempts with their time, status code and response excerpt
         * @description Needs permission (API key scope) `integrations:read`.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path: {
                    channelId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            deliveries: {
                                attemptLog: {
                                    attempt: number;
                                    durationMs: number;
                                    error: string | null;
                                    responseExcerpt: string | null;
                                    /** Format: date-time */
                                    startedAt: string;
                                    statusCode: number | null;
                                }[];
                                attempts: number;
                                /** Format: uuid */
                                channelId: string;
                                /** Format: date-time */
                                createdAt: string;
                                eventType: string;
                                finishedAt: string | null;
                                /** Format: uuid */
                                id: string;
                                lastError: string | null;
                                lastStatusCode: number | null;
                                nextAttemptAt: string | null;
                                /** @enum {string} */
                                status: "pending" | "delivered" | "failed" | "canceled";
                                summary: string;
                            }[];
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notification-channels/{channelId}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test message to the channel now; answers with the delivery once it was attempted
         * @description Needs permission (API key scope) `integrations:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    channelId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            delivery: {
                                attemptLog: {
                                    attempt: number;
                                    durationMs: number;
                                    error: string | null;
                                    responseExcerpt: string | null;
                                    /** Format: date-time */
                                    startedAt: string;
                                    statusCode: number | null;
                                }[];
                                attempts: number;
                                /** Format: uuid */
                                channelId: string;
                                /** Format: date-time */
                                createdAt: string;
                                eventType: string;
                                finishedAt: string | null;
                                /** Format: uuid */
                                id: string;
                                lastError: string | null;
                                lastStatusCode: number | null;
                                nextAttemptAt: string | null;
                                /** @enum {string} */
                                status: "pending" | "delivered" | "failed" | "canceled";
                                summary: string;
                            };
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The plans and what each allows */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            plans: {
                                features: string[];
                                id: string;
                                maxAgents: number | null;
                                maxProjects: number | null;
                                minScheduleIntervalMinutes: number;
                                monthlyPriceCents: number | null;
                                name: string;
                                retentionDays: number;
                                telemetryIntervalMs: number;
                            }[];
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the projects you can see, each with what you may do in it
         * @description Needs permission (API key scope) `projects:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            projects: {
                                /** Format: date-time */
                                createdAt: string;
                                description: string;
                                /** Format: uuid */
                                id: string;
                                myPermissions: string[];
                                name: string;
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a project (counts against the plan limit)
         * @description Needs permission (API key scope) `projects:create`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Success */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            description: string;
                            /** Format: uuid */
                            id: string;
                            myPermissions: string[];
                            name: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a project
         * @description Needs permission (API key scope) `projects:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    projectId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            description: string;
                            /** Format: uuid */
                            id: string;
                            myPermissions: string[];
                            name: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a project and everything in it
         * @description Needs permission (API key scope) `projects:delete`.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    projectId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done, no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Rename a project or change its description
         * @description Needs permission (API key scope) `projects:write`.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    projectId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            description: string;
                            /** Format: uuid */
                            id: string;
                            myPermissions: string[];
                            name: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/projects/{projectId}/agents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a project's agents, filtered by status, online state or tag
         * @description Needs permission (API key scope) `agents:read`.
         */
        get: {
            parameters: {
                query?: {
                    includeRevoked?: "true" | "false";
                    online?: "true" | "false";
                    status?: "pending" | "active" | "rejected" | "revoked";
                    tag?: string;
                };
                header?: never;
                path: {
                    projectId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agents: {
                                clockSkewMs: number | null;
                                /** Format: date-time */
                                createdAt: string;
                                dataHost: string | null;
                                hostname: string | null;
                                /** Format: uuid */
                                id: string;
                                lastRefusal: {
                                    /** Format: date-time */
                                    at: string;
                                    reason: string;
                                } | null;
                                lastSeenAt: string | null;
                                name: string;
                                online: boolean;
                                platform: string | null;
                                /** Format: uuid */
                                projectId: string;
                                /** @enum {string} */
                                status: "pending" | "active" | "rejected" | "revoked";
                                tags: string[];
                                version: string | null;
                            }[];
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/agents/{agentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an agent
         * @description Needs permission (API key scope) `agents:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    agentId: string;
                    projectId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clockSkewMs: number | null;
                            /** Format: date-time */
                            createdAt: string;
                            dataHost: string | null;
                            hostname: string | null;
                            /** Format: uuid */
                            id: string;
                            lastRefusal: {
                                /** Format: date-time */
                                at: string;
                                reason: string;
                            } | null;
                            lastSeenAt: string | null;
                            name: string;
                            online: boolean;
                            platform: string | null;
                            /** Format: uuid */
                            projectId: string;
                            /** @enum {string} */
                            status: "pending" | "active" | "rejected" | "revoked";
                            tags: string[];
                            version: string | null;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a revoked (or rejected) agent: it leaves the fleet for good; its transfers keep their history
         * @description Needs permission (API key scope) `agents:write`.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    agentId: string;
                    projectId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done, no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Rename an agent, set its tags, or set where other agents reach its data channel (dataHost)
         * @description Needs permission (API key scope) `agents:write`.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    agentId: string;
                    projectId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        dataHost?: string | null;
                        name?: string;
                        tags?: string[];
                    };
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clockSkewMs: number | null;
                            /** Format: date-time */
                            createdAt: string;
                            dataHost: string | null;
                            hostname: string | null;
                            /** Format: uuid */
                            id: string;
                            lastRefusal: {
                                /** Format: date-time */
                                at: string;
                                reason: string;
                            } | null;
                            lastSeenAt: string | null;
                            name: string;
                            online: boolean;
                            platform: string | null;
                            /** Format: uuid */
                            projectId: string;
                            /** @enum {string} */
                            status: "pending" | "active" | "rejected" | "revoked";
                            tags: string[];
                            version: string | null;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/projects/{projectId}/agents/{agentId}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a pending agent: it starts sending telemetry
         * @description Needs permission (API key scope) `agents:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    agentId: string;
                    projectId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clockSkewMs: number | null;
                            /** Format: date-time */
                            createdAt: string;
                            dataHost: string | null;
                            hostname: string | null;
                            /** Format: uuid */
                            id: string;
                            lastRefusal: {
                                /** Format: date-time */
                                at: string;
                                reason: string;
                            } | null;
                            lastSeenAt: string | null;
                            name: string;
                            online: boolean;
                            platform: string | null;
                            /** Format: uuid */
                            projectId: string;
                            /** @enum {string} */
                            status: "pending" | "active" | "rejected" | "revoked";
                            tags: string[];
                            version: string | null;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/agents/{agentId}/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List one directory inside an agent's roots (path relative to its first root, '' for the root), a page at a time, sorted by name; the agent answers within 5 s
         * @description Needs permission (API key scope) `agents:read`.
         */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    path?: string;
                };
                header?: never;
                path: {
                    agentId: string;
                    projectId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entries: {
                                /** Format: date-time */
                                mtime: string;
                                name: string;
                                size: number;
                                /** @enum {string} */
                                type: "file" | "directory" | "symlink" | "other";
                            }[];
                            nextCursor: string | null;
                            path: string;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/agents/{agentId}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reject a pending agent
         * @description Needs permission (API key scope) `agents:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    agentId: string;
                    projectId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clockSkewMs: number | null;
                            /** Format: date-time */
                            createdAt: string;
                            dataHost: string | null;
                            hostname: string | null;
                            /** Format: uuid */
                            id: string;
                            lastRefusal: {
                                /** Format: date-time */
                                at: string;
                                reason: string;
                            } | null;
                            lastSeenAt: string | null;
                            name: string;
                            online: boolean;
                            platform: string | null;
                            /** Format: uuid */
                            projectId: string;
                            /** @enum {string} */
                            status: "pending" | "active" | "rejected" | "revoked";
                            tags: string[];
                            version: string | null;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/agents/{agentId}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke an agent: it is disconnected at once and cannot reconnect
         * @description Needs permission (API key scope) `agents:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    agentId: string;
                    projectId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clockSkewMs: number | null;
                            /** Format: date-time */
                            createdAt: string;
                            dataHost: string | null;
                            hostname: string | null;
                            /** Format: uuid */
                            id: string;
                            lastRefusal: {
                                /** Format: date-time */
                                at: string;
                                reason: string;
                            } | null;
                            lastSeenAt: string | null;
                            name: string;
                            online: boolean;
                            platform: string | null;
                            /** Format: uuid */
                            projectId: string;
                            /** @enum {string} */
                            status: "pending" | "active" | "rejected" | "revoked";
                            tags: string[];
                            version: string | null;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/agents/{agentId}/telemetry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An agent's telemetry over a time range: raw samples for short ranges, per-minute rollups for long
         * @description Needs permission (API key scope) `agents:read`.
         */
        get: {
            parameters: {
                query: {
                    from: string;
                    resolution?: "auto" | "raw" | "minute";
                    to: string;
                };
                header?: never;
                path: {
                    agentId: string;
                    projectId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            agentId: string;
                            points: {
                                activeTransfers: number | null;
                                cpuPct: number | null;
                                diskFreeBytes: number | null;
                                errors: number | null;
                                memUsedBytes: number | null;
                                netRxBytes: number | null;
                                netTxBytes: number | null;
                                rttMs: number | null;
                                samples: number;
                                throughputBps: number | null;
                                /** Format: date-time */
                                ts: string;
                            }[];
                            /** @enum {string} */
                            resolution: "raw" | "minute";
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/alert-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The project's alert rules
         * @description Needs permission (API key scope) `alerts:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    projectId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            rules: {
                                channelIds: string[];
                                /** @enum {string} */
                                condition: "transfer_failed" | "job_run_failed" | "job_run_skipped" | "job_run_missed" | "agent_offline" | "agent_pending" | "disk_space_low" | "transfer_slow" | "plan_usage";
                                /** Format: date-time */
                                createdAt: string;
                                enabled: boolean;
                                forMinutes: number | null;
                                /** Format: uuid */
                                id: string;
                                name: string;
                                /** Format: uuid */
                                projectId: string;
                                quietMinutes: number;
                                /** @enum {string} */
                                severity: "info" | "warning" | "critical";
                                threshold: number | null;
                            }[];
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Add an alert rule: a condition (transfer_failed, job_run_failed|skipped|missed, agent_offline for forMinutes, agent_pending, plan_usage at threshold %, disk_space_low under threshold % free, transfer_slow under threshold % of the path’s usual rate for forMinutes), a severity and channels
         * @description Needs permission (API key scope) `alerts:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    projectId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        channelIds: string[];
                        /** @enum {string} */
                        condition: "transfer_failed" | "job_run_failed" | "job_run_skipped" | "job_run_missed" | "agent_offline" | "agent_pending" | "disk_space_low" | "transfer_slow" | "plan_usage";
                        /** @default true */
                        enabled?: boolean;
                        /** @default null */
                        forMinutes?: number | null;
                        name: string;
                        /** @default 60 */
                        quietMinutes?: number;
                        /**
                         * @default warning
                         * @enum {string}
                         */
                        severity?: "info" | "warning" | "critical";
                        /** @default null */
                        threshold?: number | null;
                    };
                };
            };
            responses: {
                /** @description Success */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            channelIds: string[];
                            /** @enum {string} */
                            condition: "transfer_failed" | "job_run_failed" | "job_run_skipped" | "job_run_missed" | "agent_offline" | "agent_pending" | "disk_space_low" | "transfer_slow" | "plan_usage";
                            /** Format: date-time */
                            createdAt: string;
                            enabled: boolean;
                            forMinutes: number | null;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** Format: uuid */
                            projectId: string;
                            quietMinutes: number;
                            /** @enum {string} */
                            severity: "info" | "warning" | "critical";
                            threshold: number | null;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/alert-rules/{ruleId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove an alert rule; its open alerts are resolved without a message
         * @description Needs permission (API key scope) `alerts:write`.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    projectId: string;
                    ruleId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done, no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change an alert rule (its condition stays); `channelIds`, when given, replaces them
         * @description Needs permission (API key scope) `alerts:write`.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    projectId: string;
                    ruleId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        channelIds?: string[];
                        enabled?: boolean;
                        forMinutes?: number | null;
                        name?: string;
                        quietMinutes?: number;
                        /** @enum {string} */
                        severity?: "info" | "warning" | "critical";
                        threshold?: number | null;
                    };
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            channelIds: string[];
                            /** @enum {string} */
                            condition: "transfer_failed" | "job_run_failed" | "job_run_skipped" | "job_run_missed" | "agent_offline" | "agent_pending" | "disk_space_low" | "transfer_slow" | "plan_usage";
                            /** Format: date-time */
                            createdAt: string;
                            enabled: boolean;
                            forMinutes: number | null;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** Format: uuid */
                            projectId: string;
                            quietMinutes: number;
                            /** @enum {string} */
                            severity: "info" | "warning" | "critical";
                            threshold: number | null;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/projects/{projectId}/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The project's alerts, open ones first, then the most recent
         * @description Needs permission (API key scope) `alerts:read`.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    state?: "open" | "resolved" | "all";
                };
                header?: never;
                path: {
                    projectId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            alerts: {
                                acknowledgedAt: string | null;
                                acknowledgedBy: string | null;
                                condition: string;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                notice: "waiting" | "sent" | "held_back";
                                /** Format: date-time */
                                openedAt: string;
                                /** Format: uuid */
                                projectId: string;
                                resolvedAt: string | null;
                                ruleId: string | null;
                                ruleName: string;
                                /** @enum {string} */
                                severity: "info" | "warning" | "critical";
                                /** @enum {string} */
                                state: "open" | "resolved";
                                /** Format: uuid */
                                subjectId: string;
                                subjectName: string;
                                /** @enum {string} */
                                subjectType: "agent" | "transfer" | "job" | "company";
                                title: string;
                            }[];
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/alerts/{alertId}/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Acknowledge an alert: someone is on it (it stays open until its condition clears)
         * @description Needs permission (API key scope) `alerts:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    alertId: string;
                    projectId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            acknowledgedAt: string | null;
                            acknowledgedBy: string | null;
                            condition: string;
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            notice: "waiting" | "sent" | "held_back";
                            /** Format: date-time */
                            openedAt: string;
                            /** Format: uuid */
                            projectId: string;
                            resolvedAt: string | null;
                            ruleId: string | null;
                            ruleName: string;
                            /** @enum {string} */
                            severity: "info" | "warning" | "critical";
                            /** @enum {string} */
                            state: "open" | "resolved";
                            /** Format: uuid */
                            subjectId: string;
                            subjectName: string;
                            /** @enum {string} */
                            subjectType: "agent" | "transfer" | "job" | "company";
                            title: string;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/enrolment-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a project's enrolment tokens (never their secrets)
         * @description Needs permission (API key scope) `agents:write`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    projectId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            tokens: {
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                expiresAt: string;
                                /** Format: uuid */
                                id: string;
                                name: string;
                                preApproved: boolean;
                                prefix: string;
                                /** Format: uuid */
                                projectId: string;
                                reusable: boolean;
                                revokedAt: string | null;
                                tags: string[];
                                usedCount: number;
                            }[];
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create an enrolment token; the secret and install command are in this response only
         * @description Needs permission (API key scope) `agents:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    projectId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default 24 */
                        expiresInHours?: number;
                        /** @default enrolment token */
                        name?: string;
                        /** @default false */
                        preApproved?: boolean;
                        /** @default false */
                        reusable?: boolean;
                        root?: string;
                        /** @default [] */
                        tags?: string[];
                    };
                };
            };
            responses: {
                /** @description Success */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            installCommand: string;
                            secret: string;
                            token: {
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                expiresAt: string;
                                /** Format: uuid */
                                id: string;
                                name: string;
                                preApproved: boolean;
                                prefix: string;
                                /** Format: uuid */
                                projectId: string;
                                reusable: boolean;
                                revokedAt: string | null;
                                tags: string[];
                                usedCount: number;
                            };
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/enrolment-tokens/{tokenId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an enrolment token (agents already enrolled keep working)
         * @description Needs permission (API key scope) `agents:write`.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    projectId: string;
                    tokenId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done, no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a project's jobs by name, each with its next five firings
         * @description Needs permission (API key scope) `jobs:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    projectId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            jobs: {
                                bandwidthLimitBps: number | null;
                                catchUpSeconds: number;
                                /** Format: date-time */
                                createdAt: string;
                                destinationAgentId: string | null;
                                destinationDir: string | null;
                                destinationLocationId: string | null;
                                destinationPrefix: string | null;
                                enabled: boolean;
                                filters: {
                                    changedSinceLastRun?: boolean;
                                    exclude?: string[];
                                    include?: string[];
                                    maxSizeBytes?: number;
                                    minSizeBytes?: number;
                                    skipHidden?: boolean;
                                } | null;
                                /** Format: uuid */
                                id: string;
                                lastRun: {
                                    bytesCopied: number | null;
                                    /** Format: date-time */
                                    createdAt: string;
                                    durationSeconds: number | null;
                                    filesCopied: number | null;
                                    filesDeleted: number | null;
                                    finishedAt: string | null;
                                    /** Format: date-time */
                                    fireTime: string;
                                    /** Format: uuid */
                                    id: string;
                                    jobId: string | null;
                                    reason: string | null;
                                    scheduleId: string | null;
                                    /** @enum {string} */
                                    status: "started" | "succeeded" | "failed" | "canceled" | "skipped" | "missed" | "queued";
                                    transferId: string | null;
                                    /** @enum {string} */
                                    trigger: "schedule" | "manual";
                                } | null;
                                maxAttempts: number;
                                /** @enum {string} */
                                mode: "copy" | "mirror" | "move";
                                name: string;
                                nextFireTimes: string[];
                                /** @enum {string} */
                                overlap: "skip" | "queue" | "parallel";
                                /** @enum {string} */
                                overwrite: "skip_identical" | "overwrite" | "keep_both";
                                priority: number;
                                /** Format: uuid */
                                projectId: string;
                                schedules: {
                                    cron: string | null;
                                    everyMinutes: number | null;
                                    /** Format: uuid */
                                    id: string;
                                    /** @enum {string} */
                                    kind: "cron" | "interval";
                                    nextFireAt: string | null;
                                    timeZone: string | null;
                                }[];
                                sourceAgentId: string | null;
                                sourceLocationId: string | null;
                                sourcePaths: string[] | null;
                                sourcePrefix: string | null;
                                /** @enum {string} */
                                symlinks: "preserve" | "follow" | "skip";
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a job: a named transfer that runs on its schedules (cron with a time zone, or every N minutes)
         * @description Needs permission (API key scope) `jobs:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    projectId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        bandwidthLimitBps?: number | null;
                        /** @default 3600 */
                        catchUpSeconds?: number;
                        /** Format: uuid */
                        destinationAgentId?: string;
                        destinationDir?: string;
                        /**
                         * Format: uuid
                         * @description a storage location of the project each run uploads to
                         */
                        destinationLocationId?: string;
                        /** @description with destinationLocationId: where the files go, under the location’s prefix; default: the location’s prefix */
                        destinationPrefix?: string;
                        /** @default true */
                        enabled?: boolean;
                        /** @default null */
                        filters?: {
                            changedSinceLastRun?: boolean;
                            exclude?: string[];
                            include?: string[];
                            maxSizeBytes?: number;
                            minSizeBytes?: number;
                            skipHidden?: boolean;
                        } | null;
                        /** @default 3 */
                        maxAttempts?: number;
                        /**
                         * @default copy
                         * @enum {string}
                         */
                        mode?: "copy" | "mirror" | "move";
                        name: string;
                        /**
                         * @default skip
                         * @enum {string}
                         */
                        overlap?: "skip" | "queue" | "parallel";
                        /**
                         * @default skip_identical
                         * @enum {string}
                         */
                        overwrite?: "skip_identical" | "overwrite" | "keep_both";
                        /** @default 5 */
                        priority?: number;
                        /** @default [] */
                        schedules?: ({
                            cron: string;
                            /** @constant */
                            kind: "cron";
                            /**
                             * @description IANA time zone, e.g. Europe/Berlin
                             * @default UTC
                             */
                            timeZone?: string;
                        } | {
                            everyMinutes: number;
                            /** @constant */
                            kind: "interval";
                        })[];
                        /** Format: uuid */
                        sourceAgentId?: string;
                        /**
                         * Format: uuid
                         * @description a storage location of the project each run downloads from
                         */
                        sourceLocationId?: string;
                        sourcePaths?: string[];
                        /** @description with sourceLocationId: the objects under this prefix (inside the location’s) are sent; default: all of them */
                        sourcePrefix?: string;
                        /**
                         * @default preserve
                         * @enum {string}
                         */
                        symlinks?: "preserve" | "follow" | "skip";
                    };
                };
            };
            responses: {
                /** @description Success */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            bandwidthLimitBps: number | null;
                            catchUpSeconds: number;
                            /** Format: date-time */
                            createdAt: string;
                            destinationAgentId: string | null;
                            destinationDir: string | null;
                            destinationLocationId: string | null;
                            destinationPrefix: string | null;
                            enabled: boolean;
                            filters: {
                                changedSinceLastRun?: boolean;
                                exclude?: string[];
                                include?: string[];
                                maxSizeBytes?: number;
                                minSizeBytes?: number;
                                skipHidden?: boolean;
                            } | null;
                            /** Format: uuid */
                            id: string;
                            lastRun: {
                                bytesCopied: number | null;
                                /** Format: date-time */
                                createdAt: string;
                                durationSeconds: number | null;
                                filesCopied: number | null;
                                filesDeleted: number | null;
                                finishedAt: string | null;
                                /** Format: date-time */
                                fireTime: string;
                                /** Format: uuid */
                                id: string;
                                jobId: string | null;
                                reason: string | null;
                                scheduleId: string | null;
                                /** @enum {string} */
                                status: "started" | "succeeded" | "failed" | "canceled" | "skipped" | "missed" | "queued";
                                transferId: string | null;
                                /** @enum {string} */
                                trigger: "schedule" | "manual";
                            } | null;
                            maxAttempts: number;
                            /** @enum {string} */
                            mode: "copy" | "mirror" | "move";
                            name: string;
                            nextFireTimes: string[];
                            /** @enum {string} */
                            overlap: "skip" | "queue" | "parallel";
                            /** @enum {string} */
                            overwrite: "skip_identical" | "overwrite" | "keep_both";
                            priority: number;
                            /** Format: uuid */
                            projectId: string;
                            schedules: {
                                cron: string | null;
                                everyMinutes: number | null;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                kind: "cron" | "interval";
                                nextFireAt: string | null;
                                timeZone: string | null;
                            }[];
                            sourceAgentId: string | null;
                            sourceLocationId: string | null;
                            sourcePaths: string[] | null;
                            sourcePrefix: string | null;
                            /** @enum {string} */
                            symlinks: "preserve" | "follow" | "skip";
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/jobs/{jobId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a job with its schedules and next five firings
         * @description Needs permission (API key scope) `jobs:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    jobId: string;
                    projectId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            bandwidthLimitBps: number | null;
                            catchUpSeconds: number;
                            /** Format: date-time */
                            createdAt: string;
                            destinationAgentId: string | null;
                            destinationDir: string | null;
                            destinationLocationId: string | null;
                            destinationPrefix: string | null;
                            enabled: boolean;
                            filters: {
                                changedSinceLastRun?: boolean;
                                exclude?: string[];
                                include?: string[];
                                maxSizeBytes?: number;
                                minSizeBytes?: number;
                                skipHidden?: boolean;
                            } | null;
                            /** Format: uuid */
                            id: string;
                            lastRun: {
                                bytesCopied: number | null;
                                /** Format: date-time */
                                createdAt: string;
                                durationSeconds: number | null;
                                filesCopied: number | null;
                                filesDeleted: number | null;
                                finishedAt: string | null;
                                /** Format: date-time */
                                fireTime: string;
                                /** Format: uuid */
                                id: string;
                                jobId: string | null;
                                reason: string | null;
                                scheduleId: string | null;
                                /** @enum {string} */
                                status: "started" | "succeeded" | "failed" | "canceled" | "skipped" | "missed" | "queued";
                                transferId: string | null;
                                /** @enum {string} */
                                trigger: "schedule" | "manual";
                            } | null;
                            maxAttempts: number;
                            /** @enum {string} */
                            mode: "copy" | "mirror" | "move";
                            name: string;
                            nextFireTimes: string[];
                            /** @enum {string} */
                            overlap: "skip" | "queue" | "parallel";
                            /** @enum {string} */
                            overwrite: "skip_identical" | "overwrite" | "keep_both";
                            priority: number;
                            /** Format: uuid */
                            projectId: string;
                            schedules: {
                                cron: string | null;
                                everyMinutes: number | null;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                kind: "cron" | "interval";
                                nextFireAt: string | null;
                                timeZone: string | null;
                            }[];
                            sourceAgentId: string | null;
                            sourceLocationId: string | null;
                            sourcePaths: string[] | null;
                            sourcePrefix: string | null;
                            /** @enum {string} */
                            symlinks: "preserve" | "follow" | "skip";
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a job (its runs and their transfers stay in the history)
         * @description Needs permission (API key scope) `jobs:write`.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    jobId: string;
                    projectId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done, no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change a job (fields left out stay; schedules, when given, replace them all)
         * @description Needs permission (API key scope) `jobs:write`.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    jobId: string;
                    projectId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        bandwidthLimitBps?: number | null;
                        catchUpSeconds?: number;
                        /** Format: uuid */
                        destinationAgentId?: string;
                        destinationDir?: string;
                        /**
                         * Format: uuid
                         * @description a storage location of the project each run uploads to
                         */
                        destinationLocationId?: string;
                        /** @description with destinationLocationId: where the files go, under the location’s prefix; default: the location’s prefix */
                        destinationPrefix?: string;
                        enabled?: boolean;
                        filters?: {
                            changedSinceLastRun?: boolean;
                            exclude?: string[];
                            include?: string[];
                            maxSizeBytes?: number;
                            minSizeBytes?: number;
                            skipHidden?: boolean;
                        } | null;
                        maxAttempts?: number;
                        /** @enum {string} */
                        mode?: "copy" | "mirror" | "move";
                        name?: string;
                        /** @enum {string} */
                        overlap?: "skip" | "queue" | "parallel";
                        /** @enum {string} */
                        overwrite?: "skip_identical" | "overwrite" | "keep_both";
                        priority?: number;
                        schedules?: ({
                            cron: string;
                            /** @constant */
                            kind: "cron";
                            /**
                             * @description IANA time zone, e.g. Europe/Berlin
                             * @default UTC
                             */
                            timeZone?: string;
                        } | {
                            everyMinutes: number;
                            /** @constant */
                            kind: "interval";
                        })[];
                        /** Format: uuid */
                        sourceAgentId?: string;
                        /**
                         * Format: uuid
                         * @description a storage location of the project each run downloads from
                         */
                        sourceLocationId?: string;
                        sourcePaths?: string[];
                        /** @description with sourceLocationId: the objects under this prefix (inside the location’s) are sent; default: all of them */
                        sourcePrefix?: string;
                        /** @enum {string} */
                        symlinks?: "preserve" | "follow" | "skip";
                    };
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            bandwidthLimitBps: number | null;
                            catchUpSeconds: number;
                            /** Format: date-time */
                            createdAt: string;
                            destinationAgentId: string | null;
                            destinationDir: string | null;
                            destinationLocationId: string | null;
                            destinationPrefix: string | null;
                            enabled: boolean;
                            filters: {
                                changedSinceLastRun?: boolean;
                                exclude?: string[];
                                include?: string[];
                                maxSizeBytes?: number;
                                minSizeBytes?: number;
                                skipHidden?: boolean;
                            } | null;
                            /** Format: uuid */
                            id: string;
                            lastRun: {
                                bytesCopied: number | null;
                                /** Format: date-time */
                                createdAt: string;
                                durationSeconds: number | null;
                                filesCopied: number | null;
                                filesDeleted: number | null;
                                finishedAt: string | null;
                                /** Format: date-time */
                                fireTime: string;
                                /** Format: uuid */
                                id: string;
                                jobId: string | null;
                                reason: string | null;
                                scheduleId: string | null;
                                /** @enum {string} */
                                status: "started" | "succeeded" | "failed" | "canceled" | "skipped" | "missed" | "queued";
                                transferId: string | null;
                                /** @enum {string} */
                                trigger: "schedule" | "manual";
                            } | null;
                            maxAttempts: number;
                            /** @enum {string} */
                            mode: "copy" | "mirror" | "move";
                            name: string;
                            nextFireTimes: string[];
                            /** @enum {string} */
                            overlap: "skip" | "queue" | "parallel";
                            /** @enum {string} */
                            overwrite: "skip_identical" | "overwrite" | "keep_both";
                            priority: number;
                            /** Format: uuid */
                            projectId: string;
                            schedules: {
                                cron: string | null;
                                everyMinutes: number | null;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                kind: "cron" | "interval";
                                nextFireAt: string | null;
                                timeZone: string | null;
                            }[];
                            sourceAgentId: string | null;
                            sourceLocationId: string | null;
                            sourcePaths: string[] | null;
                            sourcePrefix: string | null;
                            /** @enum {string} */
                            symlinks: "preserve" | "follow" | "skip";
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/projects/{projectId}/jobs/{jobId}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Disable a job: its schedules stop firing (Run now still works)
         * @description Needs permission (API key scope) `jobs:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    jobId: string;
                    projectId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            bandwidthLimitBps: number | null;
                            catchUpSeconds: number;
                            /** Format: date-time */
                            createdAt: string;
                            destinationAgentId: string | null;
                            destinationDir: string | null;
                            destinationLocationId: string | null;
                            destinationPrefix: string | null;
                            enabled: boolean;
                            filters: {
                                changedSinceLastRun?: boolean;
                                exclude?: string[];
                                include?: string[];
                                maxSizeBytes?: number;
                                minSizeBytes?: number;
                                skipHidden?: boolean;
                            } | null;
                            /** Format: uuid */
                            id: string;
                            lastRun: {
                                bytesCopied: number | null;
                                /** Format: date-time */
                                createdAt: string;
                                durationSeconds: number | null;
                                filesCopied: number | null;
                                filesDeleted: number | null;
                                finishedAt: string | null;
                                /** Format: date-time */
                                fireTime: string;
                                /** Format: uuid */
                                id: string;
                                jobId: string | null;
                                reason: string | null;
                                scheduleId: string | null;
                                /** @enum {string} */
                                status: "started" | "succeeded" | "failed" | "canceled" | "skipped" | "missed" | "queued";
                                transferId: string | null;
                                /** @enum {string} */
                                trigger: "schedule" | "manual";
                            } | null;
                            maxAttempts: number;
                            /** @enum {string} */
                            mode: "copy" | "mirror" | "move";
                            name: string;
                            nextFireTimes: string[];
                            /** @enum {string} */
                            overlap: "skip" | "queue" | "parallel";
                            /** @enum {string} */
                            overwrite: "skip_identical" | "overwrite" | "keep_both";
                            priority: number;
                            /** Format: uuid */
                            projectId: string;
                            schedules: {
                                cron: string | null;
                                everyMinutes: number | null;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                kind: "cron" | "interval";
                                nextFireAt: string | null;
                                timeZone: string | null;
                            }[];
                            sourceAgentId: string | null;
                            sourceLocationId: string | null;
                            sourcePaths: string[] | null;
                            sourcePrefix: string | null;
                            /** @enum {string} */
                            symlinks: "preserve" | "follow" | "skip";
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/jobs/{jobId}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Enable a job: its schedules fire again, from the next firing after now
         * @description Needs permission (API key scope) `jobs:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    jobId: string;
                    projectId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            bandwidthLimitBps: number | null;
                            catchUpSeconds: number;
                            /** Format: date-time */
                            createdAt: string;
                            destinationAgentId: string | null;
                            destinationDir: string | null;
                            destinationLocationId: string | null;
                            destinationPrefix: string | null;
                            enabled: boolean;
                            filters: {
                                changedSinceLastRun?: boolean;
                                exclude?: string[];
                                include?: string[];
                                maxSizeBytes?: number;
                                minSizeBytes?: number;
                                skipHidden?: boolean;
                            } | null;
                            /** Format: uuid */
                            id: string;
                            lastRun: {
                                bytesCopied: number | null;
                                /** Format: date-time */
                                createdAt: string;
                                durationSeconds: number | null;
                                filesCopied: number | null;
                                filesDeleted: number | null;
                                finishedAt: string | null;
                                /** Format: date-time */
                                fireTime: string;
                                /** Format: uuid */
                                id: string;
                                jobId: string | null;
                                reason: string | null;
                                scheduleId: string | null;
                                /** @enum {string} */
                                status: "started" | "succeeded" | "failed" | "canceled" | "skipped" | "missed" | "queued";
                                transferId: string | null;
                                /** @enum {string} */
                                trigger: "schedule" | "manual";
                            } | null;
                            maxAttempts: number;
                            /** @enum {string} */
                            mode: "copy" | "mirror" | "move";
                            name: string;
                            nextFireTimes: string[];
                            /** @enum {string} */
                            overlap: "skip" | "queue" | "parallel";
                            /** @enum {string} */
                            overwrite: "skip_identical" | "overwrite" | "keep_both";
                            priority: number;
                            /** Format: uuid */
                            projectId: string;
                            schedules: {
                                cron: string | null;
                                everyMinutes: number | null;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                kind: "cron" | "interval";
                                nextFireAt: string | null;
                                timeZone: string | null;
                            }[];
                            sourceAgentId: string | null;
                            sourceLocationId: string | null;
                            sourcePaths: string[] | null;
                            sourcePrefix: string | null;
                            /** @enum {string} */
                            symlinks: "preserve" | "follow" | "skip";
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/jobs/{jobId}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A dry run: what the job's next run would send, find unchanged and, for mirror and move, delete, worked out by both agents (up to 60 s); nothing changes
         * @description Needs permission (API key scope) `jobs:read`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    jobId: string;
                    projectId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            jobId: string;
                            /** @enum {string} */
                            mode: "copy" | "mirror" | "move";
                            plan: {
                                deleteAtDestination: {
                                    bytes: number;
                                    count: number;
                                    paths: {
                                        path: string;
                                        size: number;
                                    }[];
                                    truncated: boolean;
                                };
                                deleteAtSource: {
                                    bytes: number;
                                    count: number;
                                    paths: {
                                        path: string;
                                        size: number;
                                    }[];
                                    truncated: boolean;
                                };
                                send: {
                                    bytes: number;
                                    count: number;
                                    paths: {
                                        path: string;
                                        size: number;
                                    }[];
                                    truncated: boolean;
                                };
                                skippedSources: {
                                    path: string;
                                    reason: string;
                                }[];
                                unchanged: {
                                    bytes: number;
                                    count: number;
                                    paths: {
                                        path: string;
                                        size: number;
                                    }[];
                                    truncated: boolean;
                                };
                            };
                            /** Format: date-time */
                            plannedAt: string;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/jobs/{jobId}/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run a job now, under its overlap policy (the run may be skipped or queued behind the previous one)
         * @description Needs permission (API key scope) `jobs:write` and `transfers:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    jobId: string;
                    projectId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            bytesCopied: number | null;
                            /** Format: date-time */
                            createdAt: string;
                            durationSeconds: number | null;
                            filesCopied: number | null;
                            filesDeleted: number | null;
                            finishedAt: string | null;
                            /** Format: date-time */
                            fireTime: string;
                            /** Format: uuid */
                            id: string;
                            jobId: string | null;
                            reason: string | null;
                            scheduleId: string | null;
                            /** @enum {string} */
                            status: "started" | "succeeded" | "failed" | "canceled" | "skipped" | "missed" | "queued";
                            transferId: string | null;
                            /** @enum {string} */
                            trigger: "schedule" | "manual";
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/jobs/{jobId}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A job's runs, newest firing first: started, then succeeded, failed or canceled with what the transfer did; or skipped, queued or missed with the reason
         * @description Needs permission (API key scope) `jobs:read`.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path: {
                    jobId: string;
                    projectId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            runs: {
                                bytesCopied: number | null;
                                /** Format: date-time */
                                createdAt: string;
                                durationSeconds: number | null;
                                filesCopied: number | null;
                                filesDeleted: number | null;
                                finishedAt: string | null;
                                /** Format: date-time */
                                fireTime: string;
                                /** Format: uuid */
                                id: string;
                                jobId: string | null;
                                reason: string | null;
                                scheduleId: string | null;
                                /** @enum {string} */
                                status: "started" | "succeeded" | "failed" | "canceled" | "skipped" | "missed" | "queued";
                                transferId: string | null;
                                /** @enum {string} */
                                trigger: "schedule" | "manual";
                            }[];
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the members of a project
         * @description Needs permission (API key scope) `projects:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    projectId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            members: {
                                /** Format: date-time */
                                addedAt: string;
                                email: string;
                                name: string | null;
                                /** @enum {string} */
                                role: "admin" | "operator" | "viewer";
                                /** Format: uuid */
                                userId: string;
                            }[];
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Add a company member to a project, or change their project role
         * @description Needs permission (API key scope) `project_members:write`.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    projectId: string;
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        role: "admin" | "operator" | "viewer";
                    };
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            members: {
                                /** Format: date-time */
                                addedAt: string;
                                email: string;
                                name: string | null;
                                /** @enum {string} */
                                role: "admin" | "operator" | "viewer";
                                /** Format: uuid */
                                userId: string;
                            }[];
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        /**
         * Remove a member from a project
         * @description Needs permission (API key scope) `project_members:write`.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    projectId: string;
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done, no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/storage-locations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a project's storage locations by name (100 at most; never their secrets)
         * @description Needs permission (API key scope) `storage:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    projectId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            locations: ({
                                bucket: string;
                                /** Format: date-time */
                                createdAt: string;
                                credentials: {
                                    accessKeyId: string;
                                    /** @constant */
                                    mode: "access_key";
                                } | {
                                    /** @constant */
                                    mode: "agent";
                                } | {
                                    /** @constant */
                                    mode: "sas";
                                } | {
                                    /** @constant */
                                    mode: "account_key";
                                } | {
                                    clientEmail: string;
                                    /** @constant */
                                    mode: "service_account";
                                } | {
                                    accessId: string;
                                    /** @constant */
                                    mode: "hmac";
                                };
                                /** Format: date-time */
                                credentialsUpdatedAt: string;
                                endpoint: string | null;
                                forcePathStyle: boolean;
                                /** Format: uuid */
                                id: string;
                                /** @constant */
                                kind: "s3";
                                name: string;
                                prefix: string;
                                /** Format: uuid */
                                projectId: string;
                                region: string;
                                /** Format: date-time */
                                updatedAt: string;
                            } | {
                                account: string;
                                container: string;
                                /** Format: date-time */
                                createdAt: string;
                                credentials: {
                                    accessKeyId: string;
                                    /** @constant */
                                    mode: "access_key";
                                } | {
                                    /** @constant */
                                    mode: "agent";
                                } | {
                                    /** @constant */
                                    mode: "sas";
                                } | {
                                    /** @constant */
                                    mode: "account_key";
                                } | {
                                    clientEmail: string;
                                    /** @constant */
                                    mode: "service_account";
                                } | {
                                    accessId: string;
                                    /** @constant */
                                    mode: "hmac";
                                };
                                /** Format: date-time */
                                credentialsUpdatedAt: string;
                                endpoint: string | null;
                                /** Format: uuid */
                                id: string;
                                /** @constant */
                                kind: "azure";
                                name: string;
                                prefix: string;
                                /** Format: uuid */
                                projectId: string;
                                /** Format: date-time */
                                updatedAt: string;
                            } | {
                                bucket: string;
                                /** Format: date-time */
                                createdAt: string;
                                credentials: {
                                    accessKeyId: string;
                                    /** @constant */
                                    mode: "access_key";
                                } | {
                                    /** @constant */
                                    mode: "agent";
                                } | {
                                    /** @constant */
                                    mode: "sas";
                                } | {
                                    /** @constant */
                                    mode: "account_key";
                                } | {
                                    clientEmail: string;
                                    /** @constant */
                                    mode: "service_account";
                                } | {
                                    accessId: string;
                                    /** @constant */
                                    mode: "hmac";
                                };
                                /** Format: date-time */
                                credentialsUpdatedAt: string;
                                /** Format: uuid */
                                id: string;
                                /** @constant */
                                kind: "gcs";
                                name: string;
                                prefix: string;
                                /** Format: uuid */
                                projectId: string;
                                /** Format: date-time */
                                updatedAt: string;
                            })[];
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Add a storage location: an S3 (or S3-compatible) bucket, an Azure Blob container or a GCS bucket, with its credentials (encrypted at rest, never shown again)
         * @description Needs permission (API key scope) `storage:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    projectId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        bucket: string;
                        credentials: {
                            accessKeyId: string;
                            /** @constant */
                            mode: "access_key";
                            secretAccessKey: string;
                        } | {
                            /** @constant */
                            mode: "agent";
                        };
                        /** Format: uri */
                        endpoint?: string;
                        /** @default false */
                        forcePathStyle?: boolean;
                        /** @constant */
                        kind: "s3";
                        name: string;
                        /** @default  */
                        prefix?: string;
                        region: string;
                    } | {
                        account: string;
                        container: string;
                        credentials: {
                            /** @constant */
                            mode: "sas";
                            sasToken: string;
                        } | {
                            accountKey: string;
                            /** @constant */
                            mode: "account_key";
                        };
                        /** Format: uri */
                        endpoint?: string;
                        /** @constant */
                        kind: "azure";
                        name: string;
                        /** @default  */
                        prefix?: string;
                    } | {
                        bucket: string;
                        credentials: {
                            /** @constant */
                            mode: "service_account";
                            serviceAccountJson: string;
                        } | {
                            accessId: string;
                            /** @constant */
                            mode: "hmac";
                            secret: string;
                        };
                        /** @constant */
                        kind: "gcs";
                        name: string;
                        /** @default  */
                        prefix?: string;
                    };
                };
            };
            responses: {
                /** @description Success */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            bucket: string;
                            /** Format: date-time */
                            createdAt: string;
                            credentials: {
                                accessKeyId: string;
                                /** @constant */
                                mode: "access_key";
                            } | {
                                /** @constant */
                                mode: "agent";
                            } | {
                                /** @constant */
                                mode: "sas";
                            } | {
                                /** @constant */
                                mode: "account_key";
                            } | {
                                clientEmail: string;
                                /** @constant */
                                mode: "service_account";
                            } | {
                                accessId: string;
                                /** @constant */
                                mode: "hmac";
                            };
                            /** Format: date-time */
                            credentialsUpdatedAt: string;
                            endpoint: string | null;
                            forcePathStyle: boolean;
                            /** Format: uuid */
                            id: string;
                            /** @constant */
                            kind: "s3";
                            name: string;
                            prefix: string;
                            /** Format: uuid */
                            projectId: string;
                            region: string;
                            /** Format: date-time */
                            updatedAt: string;
                        } | {
                            account: string;
                            container: string;
                            /** Format: date-time */
                            createdAt: string;
                            credentials: {
                                accessKeyId: string;
                                /** @constant */
                                mode: "access_key";
                            } | {
                                /** @constant */
                                mode: "agent";
                            } | {
                                /** @constant */
                                mode: "sas";
                            } | {
                                /** @constant */
                                mode: "account_key";
                            } | {
                                clientEmail: string;
                                /** @constant */
                                mode: "service_account";
                            } | {
                                accessId: string;
                                /** @constant */
                                mode: "hmac";
                            };
                            /** Format: date-time */
                            credentialsUpdatedAt: string;
                            endpoint: string | null;
                            /** Format: uuid */
                            id: string;
                            /** @constant */
                            kind: "azure";
                            name: string;
                            prefix: string;
                            /** Format: uuid */
                            projectId: string;
                            /** Format: date-time */
                            updatedAt: string;
                        } | {
                            bucket: string;
                            /** Format: date-time */
                            createdAt: string;
                            credentials: {
                                accessKeyId: string;
                                /** @constant */
                                mode: "access_key";
                            } | {
                                /** @constant */
                                mode: "agent";
                            } | {
                                /** @constant */
                                mode: "sas";
                            } | {
                                /** @constant */
                                mode: "account_key";
                            } | {
                                clientEmail: string;
                                /** @constant */
                                mode: "service_account";
                            } | {
                                accessId: string;
                                /** @constant */
                                mode: "hmac";
                            };
                            /** Format: date-time */
                            credentialsUpdatedAt: string;
                            /** Format: uuid */
                            id: string;
                            /** @constant */
                            kind: "gcs";
                            name: string;
                            prefix: string;
                            /** Format: uuid */
                            projectId: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/storage-locations/{locationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a storage location: its bucket or container, and how it signs in (never the secret)
         * @description Needs permission (API key scope) `storage:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    locationId: string;
                    projectId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            bucket: string;
                            /** Format: date-time */
                            createdAt: string;
                            credentials: {
                                accessKeyId: string;
                                /** @constant */
                                mode: "access_key";
                            } | {
                                /** @constant */
                                mode: "agent";
                            } | {
                                /** @constant */
                                mode: "sas";
                            } | {
                                /** @constant */
                                mode: "account_key";
                            } | {
                                clientEmail: string;
                                /** @constant */
                                mode: "service_account";
                            } | {
                                accessId: string;
                                /** @constant */
                                mode: "hmac";
                            };
                            /** Format: date-time */
                            credentialsUpdatedAt: string;
                            endpoint: string | null;
                            forcePathStyle: boolean;
                            /** Format: uuid */
                            id: string;
                            /** @constant */
                            kind: "s3";
                            name: string;
                            prefix: string;
                            /** Format: uuid */
                            projectId: string;
                            region: string;
                            /** Format: date-time */
                            updatedAt: string;
                        } | {
                            account: string;
                            container: string;
                            /** Format: date-time */
                            createdAt: string;
                            credentials: {
                                accessKeyId: string;
                                /** @constant */
                                mode: "access_key";
                            } | {
                                /** @constant */
                                mode: "agent";
                            } | {
                                /** @constant */
                                mode: "sas";
                            } | {
                                /** @constant */
                                mode: "account_key";
                            } | {
                                clientEmail: string;
                                /** @constant */
                                mode: "service_account";
                            } | {
                                accessId: string;
                                /** @constant */
                                mode: "hmac";
                            };
                            /** Format: date-time */
                            credentialsUpdatedAt: string;
                            endpoint: string | null;
                            /** Format: uuid */
                            id: string;
                            /** @constant */
                            kind: "azure";
                            name: string;
                            prefix: string;
                            /** Format: uuid */
                            projectId: string;
                            /** Format: date-time */
                            updatedAt: string;
                        } | {
                            bucket: string;
                            /** Format: date-time */
                            createdAt: string;
                            credentials: {
                                accessKeyId: string;
                                /** @constant */
                                mode: "access_key";
                            } | {
                                /** @constant */
                                mode: "agent";
                            } | {
                                /** @constant */
                                mode: "sas";
                            } | {
                                /** @constant */
                                mode: "account_key";
                            } | {
                                clientEmail: string;
                                /** @constant */
                                mode: "service_account";
                            } | {
                                accessId: string;
                                /** @constant */
                                mode: "hmac";
                            };
                            /** Format: date-time */
                            credentialsUpdatedAt: string;
                            /** Format: uuid */
                            id: string;
                            /** @constant */
                            kind: "gcs";
                            name: string;
                            prefix: string;
                            /** Format: uuid */
                            projectId: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Remove a storage location and its credentials (the bucket and its objects are not touched)
         * @description Needs permission (API key scope) `storage:write`.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    locationId: string;
                    projectId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done, no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change a storage location's name, bucket or container, prefix or endpoint, or replace its credentials (left out, they are kept); `kind` names the location's kind, which cannot change
         * @description Needs permission (API key scope) `storage:write`.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    locationId: string;
                    projectId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        bucket?: string;
                        credentials?: {
                            accessKeyId: string;
                            /** @constant */
                            mode: "access_key";
                            secretAccessKey: string;
                        } | {
                            /** @constant */
                            mode: "agent";
                        };
                        endpoint?: string | null;
                        forcePathStyle?: boolean;
                        /** @constant */
                        kind: "s3";
                        name?: string;
                        prefix?: string;
                        region?: string;
                    } | {
                        account?: string;
                        container?: string;
                        credentials?: {
                            /** @constant */
                            mode: "sas";
                            sasToken: string;
                        } | {
                            accountKey: string;
                            /** @constant */
                            mode: "account_key";
                        };
                        endpoint?: string | null;
                        /** @constant */
                        kind: "azure";
                        name?: string;
                        prefix?: string;
                    } | {
                        bucket?: string;
                        credentials?: {
                            /** @constant */
                            mode: "service_account";
                            serviceAccountJson: string;
                        } | {
                            accessId: string;
                            /** @constant */
                            mode: "hmac";
                            secret: string;
                        };
                        /** @constant */
                        kind: "gcs";
                        name?: string;
                        prefix?: string;
                    };
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            bucket: string;
                            /** Format: date-time */
                            createdAt: string;
                            credentials: {
                                accessKeyId: string;
                                /** @constant */
                                mode: "access_key";
                            } | {
                                /** @constant */
                                mode: "agent";
                            } | {
                                /** @constant */
                                mode: "sas";
                            } | {
                                /** @constant */
                                mode: "account_key";
                            } | {
                                clientEmail: string;
                                /** @constant */
                                mode: "service_account";
                            } | {
                                accessId: string;
                                /** @constant */
                                mode: "hmac";
                            };
                            /** Format: date-time */
                            credentialsUpdatedAt: string;
                            endpoint: string | null;
                            forcePathStyle: boolean;
                            /** Format: uuid */
                            id: string;
                            /** @constant */
                            kind: "s3";
                            name: string;
                            prefix: string;
                            /** Format: uuid */
                            projectId: string;
                            region: string;
                            /** Format: date-time */
                            updatedAt: string;
                        } | {
                            account: string;
                            container: string;
                            /** Format: date-time */
                            createdAt: string;
                            credentials: {
                                accessKeyId: string;
                                /** @constant */
                                mode: "access_key";
                            } | {
                                /** @constant */
                                mode: "agent";
                            } | {
                                /** @constant */
                                mode: "sas";
                            } | {
                                /** @constant */
                                mode: "account_key";
                            } | {
                                clientEmail: string;
                                /** @constant */
                                mode: "service_account";
                            } | {
                                accessId: string;
                                /** @constant */
                                mode: "hmac";
                            };
                            /** Format: date-time */
                            credentialsUpdatedAt: string;
                            endpoint: string | null;
                            /** Format: uuid */
                            id: string;
                            /** @constant */
                            kind: "azure";
                            name: string;
                            prefix: string;
                            /** Format: uuid */
                            projectId: string;
                            /** Format: date-time */
                            updatedAt: string;
                        } | {
                            bucket: string;
                            /** Format: date-time */
                            createdAt: string;
                            credentials: {
                                accessKeyId: string;
                                /** @constant */
                                mode: "access_key";
                            } | {
                                /** @constant */
                                mode: "agent";
                            } | {
                                /** @constant */
                                mode: "sas";
                            } | {
                                /** @constant */
                                mode: "account_key";
                            } | {
                                clientEmail: string;
                                /** @constant */
                                mode: "service_account";
                            } | {
                                accessId: string;
                                /** @constant */
                                mode: "hmac";
                            };
                            /** Format: date-time */
                            credentialsUpdatedAt: string;
                            /** Format: uuid */
                            id: string;
                            /** @constant */
                            kind: "gcs";
                            name: string;
                            prefix: string;
                            /** Format: uuid */
                            projectId: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/projects/{projectId}/storage-locations/{locationId}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Test connection: the control plane lists the location with its credentials, then the named agent (online, in the project) uploads a small object through a short-lived request and reads it back; each step says what failed. 409 when the agent is offline
         * @description Needs permission (API key scope) `storage:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    locationId: string;
                    projectId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        agentId: string;
                    };
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ok: boolean;
                            steps: {
                                message: string;
                                ok: boolean;
                                /** @enum {string} */
                                step: "credentials" | "agent_upload" | "agent_download";
                            }[];
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/transfer-paths": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What worked per path (source agent → destination agent): the tuner of the next transfer starts from it
         * @description Needs permission (API key scope) `transfers:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    projectId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            paths: {
                                chunkSize: number;
                                /** Format: uuid */
                                destinationAgentId: string;
                                rateBps: number;
                                rttMs: number | null;
                                /** Format: uuid */
                                sourceAgentId: string;
                                streams: number;
                                transfers: number;
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/transfers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a project's transfers, newest first
         * @description Needs permission (API key scope) `transfers:read`.
         */
        get: {
            parameters: {
                query?: {
                    agentId?: string;
                    limit?: number;
                    state?: "queued" | "running" | "verifying" | "paused" | "succeeded" | "failed" | "canceled";
                };
                header?: never;
                path: {
                    projectId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            transfers: {
                                attempts: number;
                                bandwidthLimitBps: number | null;
                                bytesDone: number;
                                bytesTotal: number | null;
                                /** Format: date-time */
                                createdAt: string;
                                destinationAgentId: string | null;
                                destinationDir: string | null;
                                destinationLocationId: string | null;
                                destinationPrefix: string | null;
                                etaSeconds: number | null;
                                filesDone: number;
                                filesTotal: number | null;
                                filters: {
                                    exclude?: string[];
                                    include?: string[];
                                    maxSizeBytes?: number;
                                    minSizeBytes?: number;
                                    skipHidden?: boolean;
                                } | null;
                                finishedAt: string | null;
                                /** Format: uuid */
                                id: string;
                                jobId: string | null;
                                maxAttempts: number;
                                /** @enum {string} */
                                mode: "copy" | "mirror" | "move";
                                /** @enum {string} */
                                overwrite: "skip_identical" | "overwrite" | "keep_both";
                                priority: number;
                                /** Format: uuid */
                                projectId: string;
                                rateBps: number | null;
                                sourceAgentId: string | null;
                                sourceLocationId: string | null;
                                sourcePaths: string[] | null;
                                sourcePrefix: string | null;
                                startedAt: string | null;
                                /** @enum {string} */
                                state: "queued" | "running" | "verifying" | "paused" | "succeeded" | "failed" | "canceled";
                                stateReason: string | null;
                                stats: {
                                    [key: string]: unknown;
                                } | null;
                                storeLabel: string | null;
                                /** @enum {string} */
                                symlinks: "preserve" | "follow" | "skip";
                                waitingFor: string | null;
                                waitingSince: string | null;
                            }[];
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Start a transfer from one agent to another, or between an agent and a storage location (it waits in the queue until its agents can run it)
         * @description Needs permission (API key scope) `transfers:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    projectId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        bandwidthLimitBps?: number;
                        /** Format: uuid */
                        destinationAgentId?: string;
                        destinationDir?: string;
                        /**
                         * Format: uuid
                         * @description a storage location of the project to upload to
                         */
                        destinationLocationId?: string;
                        /** @description with destinationLocationId: where the files go, under the location’s prefix; default: the location’s prefix */
                        destinationPrefix?: string;
                        /** @description which files to take, gitignore-like: "include"/"exclude" globs matched against the path inside each source path (a pattern without "/" matches a name at any depth, a trailing "/" matches folders only, exclude wins), "minSizeBytes"/"maxSizeBytes" (inclusive, files only), "skipHidden" (names starting with "."). */
                        filters?: {
                            exclude?: string[];
                            include?: string[];
                            maxSizeBytes?: number;
                            minSizeBytes?: number;
                            skipHidden?: boolean;
                        };
                        /** @default 3 */
                        maxAttempts?: number;
                        /**
                         * @default skip_identical
                         * @enum {string}
                         */
                        overwrite?: "skip_identical" | "overwrite" | "keep_both";
                        /** @default 5 */
                        priority?: number;
                        /** Format: uuid */
                        sourceAgentId?: string;
                        /**
                         * Format: uuid
                         * @description a storage location of the project to download from
                         */
                        sourceLocationId?: string;
                        sourcePaths?: string[];
                        /** @description with sourceLocationId: the objects under this prefix (inside the location’s) are sent; default: all of them */
                        sourcePrefix?: string;
                        /**
                         * @description symlinks in the sources: "preserve" (default) recreates links pointing inside the folder sent and skips others; "follow" copies what they point to, never outside the agent roots; "skip" leaves them out. Entries left out are listed with the reason.
                         * @default preserve
                         * @enum {string}
                         */
                        symlinks?: "preserve" | "follow" | "skip";
                    };
                };
            };
            responses: {
                /** @description Success */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempts: number;
                            bandwidthLimitBps: number | null;
                            bytesDone: number;
                            bytesTotal: number | null;
                            /** Format: date-time */
                            createdAt: string;
                            destinationAgentId: string | null;
                            destinationDir: string | null;
                            destinationLocationId: string | null;
                            destinationPrefix: string | null;
                            etaSeconds: number | null;
                            filesDone: number;
                            filesTotal: number | null;
                            filters: {
                                exclude?: string[];
                                include?: string[];
                                maxSizeBytes?: number;
                                minSizeBytes?: number;
                                skipHidden?: boolean;
                            } | null;
                            finishedAt: string | null;
                            /** Format: uuid */
                            id: string;
                            jobId: string | null;
                            maxAttempts: number;
                            /** @enum {string} */
                            mode: "copy" | "mirror" | "move";
                            /** @enum {string} */
                            overwrite: "skip_identical" | "overwrite" | "keep_both";
                            priority: number;
                            /** Format: uuid */
                            projectId: string;
                            rateBps: number | null;
                            sourceAgentId: string | null;
                            sourceLocationId: string | null;
                            sourcePaths: string[] | null;
                            sourcePrefix: string | null;
                            startedAt: string | null;
                            /** @enum {string} */
                            state: "queued" | "running" | "verifying" | "paused" | "succeeded" | "failed" | "canceled";
                            stateReason: string | null;
                            stats: {
                                [key: string]: unknown;
                            } | null;
                            storeLabel: string | null;
                            /** @enum {string} */
                            symlinks: "preserve" | "follow" | "skip";
                            waitingFor: string | null;
                            waitingSince: string | null;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/transfers/{transferId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a transfer with its files and the tuner's decisions
         * @description Needs permission (API key scope) `transfers:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    projectId: string;
                    transferId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            decisions: {
                                /** Format: date-time */
                                at: string;
                                attempt: number;
                                baselineBps: number | null;
                                from: {
                                    chunkSize: number;
                                    streams: number;
                                };
                                lossRate: number | null;
                                reason: string;
                                rttMs: number | null;
                                seq: number;
                                throughputBps: number;
                                to: {
                                    chunkSize: number;
                                    streams: number;
                                };
                            }[];
                            files: {
                                error: string | null;
                                path: string;
                                sha256: string | null;
                                size: number;
                                sourceDeleted: boolean;
                                /** @enum {string} */
                                status: "pending" | "sending" | "done" | "skipped" | "failed" | "deleted";
                            }[];
                            transfer: {
                                attempts: number;
                                bandwidthLimitBps: number | null;
                                bytesDone: number;
                                bytesTotal: number | null;
                                /** Format: date-time */
                                createdAt: string;
                                destinationAgentId: string | null;
                                destinationDir: string | null;
                                destinationLocationId: string | null;
                                destinationPrefix: string | null;
                                etaSeconds: number | null;
                                filesDone: number;
                                filesTotal: number | null;
                                filters: {
                                    exclude?: string[];
                                    include?: string[];
                                    maxSizeBytes?: number;
                                    minSizeBytes?: number;
                                    skipHidden?: boolean;
                                } | null;
                                finishedAt: string | null;
                                /** Format: uuid */
                                id: string;
                                jobId: string | null;
                                maxAttempts: number;
                                /** @enum {string} */
                                mode: "copy" | "mirror" | "move";
                                /** @enum {string} */
                                overwrite: "skip_identical" | "overwrite" | "keep_both";
                                priority: number;
                                /** Format: uuid */
                                projectId: string;
                                rateBps: number | null;
                                sourceAgentId: string | null;
                                sourceLocationId: string | null;
                                sourcePaths: string[] | null;
                                sourcePrefix: string | null;
                                startedAt: string | null;
                                /** @enum {string} */
                                state: "queued" | "running" | "verifying" | "paused" | "succeeded" | "failed" | "canceled";
                                stateReason: string | null;
                                stats: {
                                    [key: string]: unknown;
                                } | null;
                                storeLabel: string | null;
                                /** @enum {string} */
                                symlinks: "preserve" | "follow" | "skip";
                                waitingFor: string | null;
                                waitingSince: string | null;
                            };
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/transfers/{transferId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a transfer (one that is queued, running, verifying, paused)
         * @description Needs permission (API key scope) `transfers:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    projectId: string;
                    transferId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempts: number;
                            bandwidthLimitBps: number | null;
                            bytesDone: number;
                            bytesTotal: number | null;
                            /** Format: date-time */
                            createdAt: string;
                            destinationAgentId: string | null;
                            destinationDir: string | null;
                            destinationLocationId: string | null;
                            destinationPrefix: string | null;
                            etaSeconds: number | null;
                            filesDone: number;
                            filesTotal: number | null;
                            filters: {
                                exclude?: string[];
                                include?: string[];
                                maxSizeBytes?: number;
                                minSizeBytes?: number;
                                skipHidden?: boolean;
                            } | null;
                            finishedAt: string | null;
                            /** Format: uuid */
                            id: string;
                            jobId: string | null;
                            maxAttempts: number;
                            /** @enum {string} */
                            mode: "copy" | "mirror" | "move";
                            /** @enum {string} */
                            overwrite: "skip_identical" | "overwrite" | "keep_both";
                            priority: number;
                            /** Format: uuid */
                            projectId: string;
                            rateBps: number | null;
                            sourceAgentId: string | null;
                            sourceLocationId: string | null;
                            sourcePaths: string[] | null;
                            sourcePrefix: string | null;
                            startedAt: string | null;
                            /** @enum {string} */
                            state: "queued" | "running" | "verifying" | "paused" | "succeeded" | "failed" | "canceled";
                            stateReason: string | null;
                            stats: {
                                [key: string]: unknown;
                            } | null;
                            storeLabel: string | null;
                            /** @enum {string} */
                            symlinks: "preserve" | "follow" | "skip";
                            waitingFor: string | null;
                            waitingSince: string | null;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/transfers/{transferId}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause a transfer (one that is queued, running)
         * @description Needs permission (API key scope) `transfers:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    projectId: string;
                    transferId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempts: number;
                            bandwidthLimitBps: number | null;
                            bytesDone: number;
                            bytesTotal: number | null;
                            /** Format: date-time */
                            createdAt: string;
                            destinationAgentId: string | null;
                            destinationDir: string | null;
                            destinationLocationId: string | null;
                            destinationPrefix: string | null;
                            etaSeconds: number | null;
                            filesDone: number;
                            filesTotal: number | null;
                            filters: {
                                exclude?: string[];
                                include?: string[];
                                maxSizeBytes?: number;
                                minSizeBytes?: number;
                                skipHidden?: boolean;
                            } | null;
                            finishedAt: string | null;
                            /** Format: uuid */
                            id: string;
                            jobId: string | null;
                            maxAttempts: number;
                            /** @enum {string} */
                            mode: "copy" | "mirror" | "move";
                            /** @enum {string} */
                            overwrite: "skip_identical" | "overwrite" | "keep_both";
                            priority: number;
                            /** Format: uuid */
                            projectId: string;
                            rateBps: number | null;
                            sourceAgentId: string | null;
                            sourceLocationId: string | null;
                            sourcePaths: string[] | null;
                            sourcePrefix: string | null;
                            startedAt: string | null;
                            /** @enum {string} */
                            state: "queued" | "running" | "verifying" | "paused" | "succeeded" | "failed" | "canceled";
                            stateReason: string | null;
                            stats: {
                                [key: string]: unknown;
                            } | null;
                            storeLabel: string | null;
                            /** @enum {string} */
                            symlinks: "preserve" | "follow" | "skip";
                            waitingFor: string | null;
                            waitingSince: string | null;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/transfers/{transferId}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume a transfer (one that is paused)
         * @description Needs permission (API key scope) `transfers:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    projectId: string;
                    transferId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempts: number;
                            bandwidthLimitBps: number | null;
                            bytesDone: number;
                            bytesTotal: number | null;
                            /** Format: date-time */
                            createdAt: string;
                            destinationAgentId: string | null;
                            destinationDir: string | null;
                            destinationLocationId: string | null;
                            destinationPrefix: string | null;
                            etaSeconds: number | null;
                            filesDone: number;
                            filesTotal: number | null;
                            filters: {
                                exclude?: string[];
                                include?: string[];
                                maxSizeBytes?: number;
                                minSizeBytes?: number;
                                skipHidden?: boolean;
                            } | null;
                            finishedAt: string | null;
                            /** Format: uuid */
                            id: string;
                            jobId: string | null;
                            maxAttempts: number;
                            /** @enum {string} */
                            mode: "copy" | "mirror" | "move";
                            /** @enum {string} */
                            overwrite: "skip_identical" | "overwrite" | "keep_both";
                            priority: number;
                            /** Format: uuid */
                            projectId: string;
                            rateBps: number | null;
                            sourceAgentId: string | null;
                            sourceLocationId: string | null;
                            sourcePaths: string[] | null;
                            sourcePrefix: string | null;
                            startedAt: string | null;
                            /** @enum {string} */
                            state: "queued" | "running" | "verifying" | "paused" | "succeeded" | "failed" | "canceled";
                            stateReason: string | null;
                            stats: {
                                [key: string]: unknown;
                            } | null;
                            storeLabel: string | null;
                            /** @enum {string} */
                            symlinks: "preserve" | "follow" | "skip";
                            waitingFor: string | null;
                            waitingSince: string | null;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/transfers/{transferId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retry a transfer (one that is failed, canceled)
         * @description Needs permission (API key scope) `transfers:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    projectId: string;
                    transferId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempts: number;
                            bandwidthLimitBps: number | null;
                            bytesDone: number;
                            bytesTotal: number | null;
                            /** Format: date-time */
                            createdAt: string;
                            destinationAgentId: string | null;
                            destinationDir: string | null;
                            destinationLocationId: string | null;
                            destinationPrefix: string | null;
                            etaSeconds: number | null;
                            filesDone: number;
                            filesTotal: number | null;
                            filters: {
                                exclude?: string[];
                                include?: string[];
                                maxSizeBytes?: number;
                                minSizeBytes?: number;
                                skipHidden?: boolean;
                            } | null;
                            finishedAt: string | null;
                            /** Format: uuid */
                            id: string;
                            jobId: string | null;
                            maxAttempts: number;
                            /** @enum {string} */
                            mode: "copy" | "mirror" | "move";
                            /** @enum {string} */
                            overwrite: "skip_identical" | "overwrite" | "keep_both";
                            priority: number;
                            /** Format: uuid */
                            projectId: string;
                            rateBps: number | null;
                            sourceAgentId: string | null;
                            sourceLocationId: string | null;
                            sourcePaths: string[] | null;
                            sourcePrefix: string | null;
                            startedAt: string | null;
                            /** @enum {string} */
                            state: "queued" | "running" | "verifying" | "paused" | "succeeded" | "failed" | "canceled";
                            stateReason: string | null;
                            stats: {
                                [key: string]: unknown;
                            } | null;
                            storeLabel: string | null;
                            /** @enum {string} */
                            symlinks: "preserve" | "follow" | "skip";
                            waitingFor: string | null;
                            waitingSince: string | null;
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/subscription": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your company's plan, its limits and current usage
         * @description Needs permission (API key scope) `company:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            managedBy: "stripe" | "operator";
                            plan: {
                                features: string[];
                                id: string;
                                maxAgents: number | null;
                                maxProjects: number | null;
                                minScheduleIntervalMinutes: number;
                                monthlyPriceCents: number | null;
                                name: string;
                                retentionDays: number;
                                telemetryIntervalMs: number;
                            };
                            /** @enum {string} */
                            status: "active" | "past_due" | "canceled";
                            usage: {
                                agents: number;
                                members: number;
                                projects: number;
                            };
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{channelId}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A webhook endpoint's delivery log (the same as its channel's)
         * @description Needs permission (API key scope) `integrations:read`.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path: {
                    channelId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            deliveries: {
                                attemptLog: {
                                    attempt: number;
                                    durationMs: number;
                                    error: string | null;
                                    responseExcerpt: string | null;
                                    /** Format: date-time */
                                    startedAt: string;
                                    statusCode: number | null;
                                }[];
                                attempts: number;
                                /** Format: uuid */
                                channelId: string;
                                /** Format: date-time */
                                createdAt: string;
                                eventType: string;
                                finishedAt: string | null;
                                /** Format: uuid */
                                id: string;
                                lastError: string | null;
                                lastStatusCode: number | null;
                                nextAttemptAt: string | null;
                                /** @enum {string} */
                                status: "pending" | "delivered" | "failed" | "canceled";
                                summary: string;
                            }[];
                        };
                    };
                };
                /** @description Invalid input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "plan_limit" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal" | "upstream_failed";
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
};
export type webhooks = Record<string, never>;
export type components = {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
};
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
