import { createContext, type ComponentChildren } from 'preact'
import { useCallback, useContext, useEffect, useRef, useState } from 'preact/hooks'
import { useT } from '../i18n.ts'

/** What a confirmation asks. */
export interface ConfirmRequest {
  title: string
  /** What will happen, in plain words. */
  body: string
  confirmLabel: string
  danger?: boolean
}

type Ask = (request: ConfirmRequest) => Promise<boolean>
const ConfirmContext = createContext<Ask>(async () => false)

/** Asks before a destructive action; resolves true when the user confirms. */
export const useConfirm = (): Ask => useContext(ConfirmContext)

/** Hosts the one confirmation dialog (a modal `<dialog>`: focus stays in it, Escape cancels). */
export function ConfirmProvider(props: { children: ComponentChildren }) {
  const [request, setRequest] = useState<(ConfirmRequest & { resolve: (ok: boolean) => void }) | null>(null)
  const dialog = useRef<HTMLDialogElement>(null)
  const t = useT()
  const ask = useCallback<Ask>((r) => new Promise<boolean>((resolve) => setRequest({ ...r, resolve })), [])
  useEffect(() => {
    if (request && dialog.current && !dialog.current.open) dialog.current.showModal()
  }, [request])
  const answer = (ok: boolean) => {
    dialog.current?.close()
    request?.resolve(ok)
    setRequest(null)
  }
  return (
    <ConfirmContext.Provider value={ask}>
      {props.children}
      <dialog
        ref={dialog}
        class="confirm"
        aria-labelledby="confirm-title"
        aria-describedby="confirm-body"
        onCancel={(e) => {
          e.preventDefault()
          answer(false)
        }}
      >
        {request ? (
          <form
            method="dialog"
            onSubmit={(e) => {
              e.preventDefault()
              answer(true)
            }}
          >
            <h2 id="confirm-title">{request.title}</h2>
            <p id="confirm-body">{request.body}</p>
            <div class="actions">
              <button type="button" class="button" onClick={() => answer(false)} autofocus>
                {t.cancel}
              </button>
              <button type="submit" class={`button ${request.danger ? 'button-danger' : 'button-primary'}`}>
                {request.confirmLabel}
              </button>
            </div>
          </form>
        ) : null}
      </dialog>
    </ConfirmContext.Provider>
  )
}
