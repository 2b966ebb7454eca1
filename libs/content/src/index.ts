export * from './module-document.schema';
export * from './validate-document';
export * from './gift/gift-to-questions';
export * from './gift/gift-source';
export * from './module-folder';
export * from './translation/french-gaps';
export * from './gift/gift-export';
