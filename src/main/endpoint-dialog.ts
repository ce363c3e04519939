/**
 * The native question main asks before it talks to a new Deepgram host (see
 * core/endpoint-approval.ts). Native, so code in the window can neither see nor answer it.
 */
import type { BrowserWindow, Dialog, MessageBoxOptions } from 'electron';
import type { EndpointConfirmationRequest } from './core/endpoint-approval';

const cancelButton = 0;
const useButton = 1;

function endpointDialogOptions(request: EndpointConfirmationRequest): MessageBoxOptions {
  return {
    type: 'warning',
    title: 'Use a new Deepgram endpoint?',
    message: `Send your API key and audio to ${request.host}?`,
    detail: `A key was entered in Earshot’s settings for ${request.origin}. Earshot will check the key there and then send your audio there to be transcribed. Continue only if you chose this endpoint yourself.`,
    buttons: ['Cancel', `Use ${request.host}`],
    defaultId: cancelButton,
    cancelId: cancelButton,
    noLink: true,
  };
}

export async function confirmEndpointNatively(
  dialog: Pick<Dialog, 'showMessageBox'>,
  parent: BrowserWindow | null,
  request: EndpointConfirmationRequest,
): Promise<boolean> {
  const options = endpointDialogOptions(request);
  const answer = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
  return answer.response === useButton;
}
