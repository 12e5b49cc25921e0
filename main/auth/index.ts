/**
 * Signing in to Sikka and keeping its secrets: the browser sign-in (loopback OAuth), app-key
 * onboarding, sign-out, each office's request keys wired to the vault, and the key protectors.
 * No Electron: safeStorage and the browser opener are injected.
 */
export { createConnectionService, type ConnectionService, type ConnectionServiceOptions, type HostChoice, type SignInCallOptions, type SignInRequest } from './connection';
export { Credentials, type AppCredentialsPair } from './credentials';
export { AUTH_ERRORS, AuthError, isAuthError, type AuthErrorCode } from './errors';
export { KeyProtectorError, type KeyProtector, type KeyProtectorErrorCode } from './keyProtector';
export { createNodeKeyProtector } from './keyProtectorNode';
export { CALLBACK_PATH, DEFAULT_SIGN_IN_TIMEOUT_MS, listenForCallback, type LoopbackListener, type LoopbackListenerOptions } from './loopback';
export { officeKeySource, type OfficeKeySourceOptions } from './officeKeys';
export { authorizedOfficeView } from './officeView';
export { checkAppKey, confirmAppKey, validateOfficeChoice } from './onboarding';
export { createSafeStorageKeyProtector, SAFE_STORAGE_KIND, type SafeStorageKeyProtector, type SafeStorageLike } from './safeStorageProtector';
export { signInWithSikka, type OpenExternal, type SignInWithSikkaOptions } from './signIn';
export { signOut, REVOKE_TIMEOUT_MS } from './signOut';
export { openSystemBrowser } from './systemBrowser';
export { loadOrCreateDatabaseKey, Vault, VaultError, type VaultErrorCode } from './vault';
