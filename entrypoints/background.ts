export default defineBackground(() => {
  // wired in lib/extension
});
