export { type BlobStore, FolderBlobStore, PostgresBlobStore, blobStoreFor, sha256Of } from './blob-store.ts';
export {
  checkFile,
  cleanFileName,
  contentDisposition,
  fileRefused,
  findFile,
  formatSize,
  readFileData,
  saveFile,
  tooLarge,
  type NewFile,
} from './files.ts';
export { contentMatches, describeKinds, extensionsOf, kindOfName, mimeOf } from './kinds.ts';
export { bodySettingAt, fileLimitsFor, setBodySetting, setFileLimits } from './limits.ts';
