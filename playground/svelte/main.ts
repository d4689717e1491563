import { mount } from 'svelte';
import '../shared/style.css';
import { mountNav } from '../shared/nav';
import App from './App.svelte';

mountNav();
mount(App, { target: document.getElementById('app')! });
