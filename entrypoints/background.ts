import '@/lib/no-eval';
import { keepPageHookInSync, registerHandlers, setUpPanel } from '@/lib/background';

export default defineBackground(() => {
  setUpPanel();
  registerHandlers();
  keepPageHookInSync();
});
