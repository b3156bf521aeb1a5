// Placeholder renderer entry so `electron-vite build` has a page; the lead replaces this file.
import { createRoot } from 'react-dom/client';

const container = document.getElementById('root');
if (container === null) throw new Error('Sitrep: #root element is missing from index.html');
createRoot(container).render(<p>Sitrep</p>);
