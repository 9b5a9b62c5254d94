/** The interface's languages: Spanish first. */
export type Lang = 'es' | 'en';
